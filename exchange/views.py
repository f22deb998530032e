"""Members' pages: a cohort's spaces, topics, replies, follows and unsubscribing.

Every page finds its object through a selector that raises Http404 for anyone
who may not read it; every write goes through a service that checks again.
"""

import os
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from cohorts.exceptions import CohortCompletedError
from exchange.exceptions import ExchangeError, MemberBannedError
from exchange.forms import (
    EditForm,
    FollowForm,
    PreferenceForm,
    ReplyForm,
    ReportForm,
    ThreadFollowForm,
    TopicForm,
)
from exchange.models import Mode
from exchange.selectors import (
    cohort_get_for_member,
    default_mode_for,
    mention_handle,
    mentionable_members,
    mode_for,
    post_content_shown,
    post_get_for_reader,
    post_rows,
    reply_list_for_topic,
    space_get_for_reader,
    space_label,
    space_list_for_access,
    thread_mode_for,
    topic_list_for_space,
)
from exchange.services.moderation import report_create
from exchange.services.notifications import (
    follow_set,
    preference_set,
    thread_follow_clear,
    unsubscribe,
    unsubscribe_read,
)
from exchange.services.posts import post_create, post_delete, post_edit, post_restore
from exchange.services.spaces import space_set_anonymity, spaces_ensure_for_cohort
from training.ratelimits import retry_after
from training.storage import private_file_response


def _refused(request, exc, *, back: str):
    """A write the service refused: the reason, and the way back."""
    status = 400 if isinstance(exc, CohortCompletedError) else 403
    return render(
        request,
        "exchange/refused.html",
        {"message": exc.message, "back": back},
        status=status,
    )


def _banned_page(view):
    """Show a banned member why they cannot read (403), not a bare 404."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except MemberBannedError as exc:
            return render(
                request,
                "exchange/banned.html",
                {"message": exc.message},
                status=403,
            )

    return wrapper


def _too_fast(request, back: str):
    wait = retry_after(request, group="exchange.post", rate=settings.EXCHANGE_POST_RATE)
    if not wait:
        return None
    response = render(
        request,
        "exchange/too_many_posts.html",
        {"retry_after": wait, "back": back},
        status=429,
    )
    response["Retry-After"] = str(wait)
    return response


def _apply_form_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


@login_required
@_banned_page
def cohort_discussions(request, slug):
    cohort, access = cohort_get_for_member(request.user, slug)
    spaces_ensure_for_cohort(cohort=cohort)
    spaces = space_list_for_access(access)
    whole = next(s for s in spaces if s.office_id is None)
    threads = [p for p in topic_list_for_space(whole) if p.session_id]
    return render(
        request,
        "exchange/cohort.html",
        {
            "cohort": cohort,
            "access": access,
            "spaces": [
                (s, space_label(s), mode_for(request.user.pk, s)) for s in spaces
            ],
            "threads": sorted(threads, key=lambda p: p.session.starts_at),
        },
    )


@login_required
@_banned_page
@require_http_methods(["GET", "POST"])
def space_detail(request, pk):
    space, access = space_get_for_reader(request.user, pk)
    form = TopicForm()
    if request.method == "POST":
        back = reverse("exchange:space", args=[space.pk])
        if too_fast := _too_fast(request, back):
            return too_fast
        form = TopicForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                topic = post_create(
                    space=space,
                    access=access,
                    title=form.cleaned_data["title"],
                    body=form.cleaned_data["body"],
                    attachment=form.cleaned_data["attachment"],
                )
            except (ExchangeError, CohortCompletedError) as exc:
                return _refused(request, exc, back=back)
            except ValidationError as exc:
                _apply_form_errors(form, exc)
            else:
                return redirect("exchange:topic", topic.pk)
    topics = list(topic_list_for_space(space))
    return render(
        request,
        "exchange/space.html",
        {
            "space": space,
            "label": space_label(space),
            "cohort": space.cohort,
            "access": access,
            "rows": post_rows(topics, access),
            "form": form if access.may_write else None,
            "follow_form": FollowForm(
                initial={"mode": mode_for(request.user.pk, space)}
            ),
            "members": mentionable_members(space) if access.may_write else [],
        },
        status=400 if form.errors else 200,
    )


@login_required
@_banned_page
@require_http_methods(["GET", "POST"])
def topic_detail(request, pk):
    topic, access = post_get_for_reader(request.user, pk)
    if not topic.is_topic:
        return redirect(
            reverse("exchange:topic", args=[topic.parent_id]) + f"#post-{pk}"
        )
    form = ReplyForm()
    back = reverse("exchange:topic", args=[topic.pk])
    if request.method == "POST":
        if too_fast := _too_fast(request, back):
            return too_fast
        form = ReplyForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                reply = post_create(
                    space=topic.space,
                    access=access,
                    parent=topic,
                    body=form.cleaned_data["body"],
                    attachment=form.cleaned_data["attachment"],
                )
            except (ExchangeError, CohortCompletedError) as exc:
                return _refused(request, exc, back=back)
            except ValidationError as exc:
                _apply_form_errors(form, exc)
            else:
                return redirect(f"{back}#post-{reply.pk}")
    (topic_row,) = post_rows([topic], access)
    return render(
        request,
        "exchange/topic.html",
        {
            "topic": topic_row,
            "space": topic.space,
            "label": space_label(topic.space),
            "cohort": topic.space.cohort,
            "access": access,
            "rows": post_rows(reply_list_for_topic(topic), access),
            "form": form if access.may_write and topic_row.shown else None,
            "follow_form": ThreadFollowForm(
                initial={
                    "mode": thread_mode_for(request.user.pk, topic.pk)
                    or ThreadFollowForm.AS_SPACE
                }
            ),
            "space_mode": Mode(mode_for(request.user.pk, topic.space)).label,
            "members": mentionable_members(topic.space) if access.may_write else [],
        },
        status=400 if form.errors else 200,
    )


def _back_to(post) -> str:
    return reverse("exchange:topic", args=[post.topic_id]) + f"#post-{post.pk}"


@login_required
@_banned_page
@require_http_methods(["GET", "POST"])
def post_edit_view(request, pk):
    post, access = post_get_for_reader(request.user, pk)
    initial = {"title": post.title, "body": post.body}
    form = EditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            post_edit(
                post=post,
                access=access,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
            )
        except (ExchangeError, CohortCompletedError) as exc:
            return _refused(request, exc, back=_back_to(post))
        except ValidationError as exc:
            _apply_form_errors(form, exc)
        else:
            return redirect(_back_to(post))
    if request.method == "GET" and not (
        post.author_id == request.user.pk and access.may_write
    ):
        raise Http404
    return render(
        request,
        "exchange/post_edit.html",
        {"post": post, "form": form, "back": _back_to(post)},
        status=400 if form.errors else 200,
    )


def _post_action(request, pk, action, done: str):
    """Run a delete/restore service on a post and lead back to it."""
    post, access = post_get_for_reader(request.user, pk)
    try:
        action(post=post, access=access)
    except (ExchangeError, CohortCompletedError) as exc:
        return _refused(request, exc, back=_back_to(post))
    messages.success(request, done)
    return redirect(_back_to(post))


@login_required
@_banned_page
@require_POST
def post_delete_view(request, pk):
    return _post_action(
        request, pk, post_delete, _("The post was deleted. You can restore it.")
    )


@login_required
@_banned_page
@require_POST
def post_restore_view(request, pk):
    return _post_action(request, pk, post_restore, _("The post was restored."))


@login_required
@_banned_page
@require_http_methods(["GET", "POST"])
def post_report_view(request, pk):
    post, access = post_get_for_reader(request.user, pk)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            report_create(post=post, access=access, reason=form.cleaned_data["reason"])
        except ExchangeError as exc:
            return _refused(request, exc, back=_back_to(post))
        except ValidationError as exc:
            _apply_form_errors(form, exc)
        else:
            messages.success(
                request, _("Thank you. The cohort's moderators will look at it.")
            )
            return redirect(_back_to(post))
    return render(
        request,
        "exchange/post_report.html",
        {"form": form, "back": _back_to(post)},
        status=400 if form.errors else 200,
    )


@login_required
@_banned_page
def attachment_download(request, pk):
    post, access = post_get_for_reader(request.user, pk)
    if not post.attachment or not post_content_shown(post, access):
        raise Http404
    ext = os.path.splitext(post.attachment.name)[1].lower()
    try:
        return private_file_response(
            post.attachment, filename=post.attachment_name or f"attachment{ext}"
        )
    except FileNotFoundError:
        raise Http404 from None


@login_required
@_banned_page
@require_POST
def space_follow(request, pk):
    space, _access = space_get_for_reader(request.user, pk)
    form = FollowForm(request.POST)
    if form.is_valid():
        follow_set(user=request.user, space=space, mode=form.cleaned_data["mode"])
        messages.success(request, _("Your email setting for this space was saved."))
    else:
        messages.error(request, _("Choose one of the email settings."))
    return redirect("exchange:space", space.pk)


@login_required
@_banned_page
@require_POST
def topic_follow(request, pk):
    topic, _access = post_get_for_reader(request.user, pk)
    if not topic.is_topic:
        raise Http404
    form = ThreadFollowForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the email settings."))
    elif form.cleaned_data["mode"] == ThreadFollowForm.AS_SPACE:
        thread_follow_clear(user=request.user, topic=topic)
        messages.success(request, _("This thread now follows its space's setting."))
    else:
        follow_set(
            user=request.user,
            space=topic.space,
            topic=topic,
            mode=form.cleaned_data["mode"],
        )
        messages.success(request, _("Your email setting for this thread was saved."))
    return redirect("exchange:topic", topic.pk)


@login_required
@_banned_page
@require_POST
def space_anonymity(request, pk):
    space, access = space_get_for_reader(request.user, pk)
    try:
        space_set_anonymity(
            space=space,
            by=request.user,
            access=access,
            anonymous=request.POST.get("anonymous") == "on",
        )
    except ExchangeError as exc:
        return _refused(request, exc, back=reverse("exchange:space", args=[space.pk]))
    messages.success(request, _("The space's setting was saved."))
    return redirect("exchange:space", space.pk)


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    form = PreferenceForm(
        request.POST or None,
        initial={"default_mode": default_mode_for(request.user.pk)},
    )
    if request.method == "POST" and form.is_valid():
        preference_set(
            user=request.user, default_mode=form.cleaned_data["default_mode"]
        )
        messages.success(request, _("Your email setting for discussions was saved."))
        return redirect("exchange:preferences")
    return render(
        request,
        "exchange/preferences.html",
        {"form": form, "handle": mention_handle(request.user)},
    )


# Mail clients post here without a session or CSRF token (RFC 8058 one-click):
# the signed token is the credential, and it only ever turns email off.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe_view(request, token):
    try:
        _user_id, _space_id, topic_id = unsubscribe_read(token)
    except (signing.BadSignature, KeyError, ValueError, TypeError):
        raise Http404 from None
    if request.method == "GET":
        return render(
            request,
            "exchange/unsubscribe.html",
            {"done": False, "thread": topic_id is not None},
        )
    try:
        _user, space, topic = unsubscribe(
            token=token, whole_space=request.POST.get("scope") == "space"
        )
    except LookupError:
        raise Http404 from None
    return render(
        request,
        "exchange/unsubscribe.html",
        {"done": True, "space": space, "topic": topic},
    )
