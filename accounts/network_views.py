"""Pages of the alumni and expert network: directory, profiles, contact requests.

Every profile read starts from `network_profiles_visible_to`; the services
check again who may write what.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.exceptions import ContactLimitError, NetworkError
from accounts.forms import ContactRequestForm, DirectoryFilterForm, NetworkProfileForm
from accounts.selectors import (
    CONTACT_REQUESTS_PER_DAY,
    contact_requests_received,
    contact_requests_sent,
    network_countries,
    network_profile_get,
    network_profile_search,
    network_profiles_visible_to,
    office_designations_for_user,
)
from accounts.services import network as services

PAGE_SIZE = 20


def directory(request):
    """The directory, filtered by expertise, language, office, country and words."""
    visible = network_profiles_visible_to(request.user)
    form = DirectoryFilterForm(
        request.GET or None, countries=network_countries(visible)
    )
    filters = form.filters() if request.GET else {}
    profiles = network_profile_search(viewer=request.user, **filters)
    page_obj = Paginator(profiles, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "network/directory.html",
        {
            "form": form,
            "page_obj": page_obj,
            "filtered": any(filters.values()),
            "query_string": query.urlencode(),
        },
    )


def profile_detail(request, pk):
    profile = network_profile_get(viewer=request.user, pk=pk)
    if profile is None:
        raise Http404
    return render(request, "network/profile_detail.html", {"profile": profile})


def _too_many(request):
    return render(
        request,
        "network/too_many_requests.html",
        {"limit": CONTACT_REQUESTS_PER_DAY},
        status=429,
    )


@login_required
def contact(request, pk):
    """Write a short message to a member; their address stays hidden until they accept."""
    profile = network_profile_get(viewer=request.user, pk=pk)
    if profile is None or profile.user_id == request.user.pk:
        raise Http404
    form = ContactRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_request_create(
                requester=request.user,
                expert_profile_id=profile.pk,
                message=form.cleaned_data["message"],
            )
        except ContactLimitError:
            return _too_many(request)
        except NetworkError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, _("Your request was sent. You will hear if they accept.")
            )
            return redirect("network:requests")
    return render(request, "network/contact.html", {"profile": profile, "form": form})


@login_required
def contact_requests(request):
    return render(
        request,
        "network/requests.html",
        {
            "sent": contact_requests_sent(request.user),
            "received": contact_requests_received(request.user),
        },
    )


def _answer(request, *, answer, done: str, accepted: str, declined: str):
    """Run `answer(accept)` for the POSTed decision; message; back to `done`."""
    accept = {"accept": True, "decline": False}.get(request.POST.get("decision"))
    if accept is None:
        messages.error(request, _("Choose to accept or decline."))
        return redirect(done)
    try:
        answer(accept)
    except NetworkError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, accepted if accept else declined)
    return redirect(done)


@require_POST
@login_required
def contact_request_answer(request, pk):
    return _answer(
        request,
        answer=lambda accept: services.contact_request_answer(
            expert=request.user, contact_id=pk, accept=accept
        ),
        done="network:requests",
        accepted=_("Accepted: they now see your email address."),
        declined=_("Declined."),
    )


@login_required
def my_profile(request):
    """The member's own network profile: opt in or out, and what it shows."""
    profile = services.network_profile_get_or_new(user=request.user)
    form = NetworkProfileForm(
        request.POST or None,
        user=request.user,
        initial=NetworkProfileForm.initial_for(profile),
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.network_profile_save(
                user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Your network profile has been saved.")
                if saved.opted_in
                else _("You are not listed in the network: nobody sees your profile."),
            )
            return redirect("network:my_profile")
    return render(
        request,
        "network/my_profile.html",
        {
            "form": form,
            "profile": profile,
            "designations": office_designations_for_user(request.user),
        },
    )


@require_POST
@login_required
def designation_answer(request, pk):
    return _answer(
        request,
        answer=lambda accept: services.office_designation_answer(
            user=request.user, designation_id=pk, accept=accept
        ),
        done="network:my_profile",
        accepted=_("Thank you: it now shows on your profile."),
        declined=_("Declined: it is not shown."),
    )
