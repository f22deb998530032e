"""The moderation queue in the Wagtail admin: reported and hidden posts, and the
members muted or banned, in the cohorts the user moderates.

A hand-written page because a moderator decides on posts and members side by
side (a viewset lists one model); it is linked from the admin menu and from
each cohort's hub. Refusals come from the services.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cohorts.exceptions import CohortCompletedError
from cohorts.services.cohorts import CLOSED_STATUSES
from exchange.exceptions import ExchangeError
from exchange.models import Post, Restriction
from exchange.selectors import (
    cohort_list_for_moderator,
    member_access,
    member_name,
    report_queue_for_moderator,
)
from exchange.services.moderation import DECISIONS, member_restrict, post_moderate


def _queue_url(cohort_id=None) -> str:
    url = reverse("exchange_moderation")
    return f"{url}?cohort={cohort_id}" if cohort_id else url


class ModerationQueueView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "exchange/admin/queue.html"
    header_icon = "warning"
    page_title = gettext_lazy("Discussion moderation")

    def dispatch(self, request, *args, **kwargs):
        self.cohorts = cohort_list_for_moderator(request.user)
        if not self.cohorts.exists():
            raise PermissionDenied
        self.cohort = None
        cohort_id = request.GET.get("cohort", "")
        if cohort_id:
            if not cohort_id.isdigit():
                raise PermissionDenied
            self.cohort = get_object_or_404(self.cohorts, pk=int(cohort_id))
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.cohort.title if self.cohort else ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        posts = report_queue_for_moderator(self.request.user, self.cohort)
        restrictions = Restriction.objects.filter(
            cohort__in=(
                self.cohorts.filter(pk=self.cohort.pk) if self.cohort else self.cohorts
            ).values("pk")
        ).select_related("cohort", "user")
        context.update(
            cohort=self.cohort,
            cohorts=self.cohorts,
            posts=[
                (
                    post,
                    member_name(post.author),
                    [r for r in post.reports.all() if r.resolved_at is None],
                    # A completed cohort's moderation is refused: offer none.
                    post.space.cohort.status in CLOSED_STATUSES,
                )
                for post in posts
            ],
            restrictions=[
                (r, member_name(r.user), r.cohort.status in CLOSED_STATUSES)
                for r in restrictions
            ],
            decisions=list(DECISIONS),
        )
        return context


def _moderated_post(user, pk):
    return get_object_or_404(
        Post.objects.select_related("space__cohort").filter(
            space__cohort__in=cohort_list_for_moderator(user).values("pk")
        ),
        pk=pk,
    )


@require_POST
def moderation_decide(request, pk, decision):
    post = _moderated_post(request.user, pk)
    if decision not in DECISIONS:
        raise PermissionDenied
    try:
        post_moderate(
            post=post,
            access=member_access(request.user, post.space.cohort),
            decision=decision,
        )
    except (ExchangeError, CohortCompletedError) as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("The post was shown again.")
            if decision == "restore"
            else _("The post was removed."),
        )
    return redirect(_queue_url(request.POST.get("cohort", "")))


@require_POST
def moderation_restrict(request, pk, kind):
    """Mute, ban or lift the author of post `pk` in its cohort."""
    post = _moderated_post(request.user, pk)
    if kind not in (*Restriction.Kind.values, "lift") or post.author is None:
        raise PermissionDenied
    try:
        member_restrict(
            access=member_access(request.user, post.space.cohort),
            user=post.author,
            kind=kind,
        )
    except (ExchangeError, CohortCompletedError) as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The member's access was changed."))
    return redirect(_queue_url(request.POST.get("cohort", "")))


@require_POST
def moderation_lift(request, pk):
    """Lift restriction `pk` (a muted or banned member may write again)."""
    restriction = get_object_or_404(
        Restriction.objects.select_related("cohort", "user").filter(
            cohort__in=cohort_list_for_moderator(request.user).values("pk")
        ),
        pk=pk,
    )
    try:
        member_restrict(
            access=member_access(request.user, restriction.cohort),
            user=restriction.user,
            kind="lift",
        )
    except (ExchangeError, CohortCompletedError) as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The member's access was changed."))
    return redirect(_queue_url(request.POST.get("cohort", "")))
