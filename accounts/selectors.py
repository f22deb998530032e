"""Reads for the alumni and expert network.

`network_profiles_visible_to` is the one rule of who sees whose profile: every
page, search and API answer starts from it, so opting out hides a profile
everywhere at once.
"""

import datetime

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from .models import ContactRequest, NetworkProfile, OfficeDesignation

# Contact requests a member may send in a rolling day.
CONTACT_REQUESTS_PER_DAY = 5


def user_holds_valid_certificate(user) -> bool:
    """Whether `user` holds at least one valid certificate of this platform."""
    from certificates.selectors import certificate_list_valid

    if not user.is_authenticated:
        return False
    return certificate_list_valid().filter(holder=user).exists()


def network_profiles_visible_to(user) -> QuerySet[NetworkProfile]:
    """Opted-in profiles of active members that `user` may see.

    Public profiles for everyone; certificate holders' profiles for members
    holding a valid certificate; "only me" for its owner. One or two queries.
    """
    levels = [NetworkProfile.Visibility.PUBLIC]
    if user_holds_valid_certificate(user):
        levels.append(NetworkProfile.Visibility.HOLDERS)
    rule = Q(visibility__in=levels)
    if user.is_authenticated:
        rule |= Q(user=user)
    return (
        NetworkProfile.objects.filter(opted_in=True, user__is_active=True)
        .filter(rule)
        .select_related("user", "office")
    )


def network_profile_search(
    *,
    viewer,
    query: str = "",
    expertise=None,
    language: str = "",
    office=None,
    country: str = "",
) -> QuerySet[NetworkProfile]:
    """The directory: visible profiles matching the filters and the words of `query`.

    Words go through Wagtail search (SQLite FTS5 or PostgreSQL), with the
    substring match of `courses.search` for scripts written without spaces.
    """
    profiles = network_profiles_visible_to(viewer)
    if expertise is not None:
        profiles = profiles.filter(expertise=expertise)
    if language:
        profiles = profiles.filter(languages__contains=f",{language},")
    if office is not None:
        profiles = profiles.filter(office=office)
    if country:
        profiles = profiles.filter(country__iexact=country)
    if query:
        profiles = profiles.filter(pk__in=_matching_ids(query, profiles))
    return profiles.prefetch_related("expertise").order_by(
        "user__last_name", "user__first_name", "pk"
    )


def _matching_ids(query: str, profiles) -> list[int]:
    from wagtail.search.backends import get_search_backend

    from courses.search import (
        search_matches,
        search_needs_substring,
        search_terms,
        search_words,
    )

    words = search_words(query)
    ids = []
    if words:
        found = get_search_backend().search(words, NetworkProfile.objects.all())
        ids = [profile.pk for profile in found]
    if ids and not search_needs_substring(query):
        return ids
    terms = search_terms(query)
    candidates = profiles.exclude(pk__in=ids).select_related("user", "office")
    return ids + [p.pk for p in candidates if search_matches(p, terms)]


def network_profile_get(*, viewer, pk: int) -> NetworkProfile | None:
    """One profile `viewer` may see, with what it shows, or None."""
    from certificates.selectors import certificate_list_valid

    return (
        network_profiles_visible_to(viewer)
        .prefetch_related(
            "expertise",
            "shown_cohorts",
            Prefetch(
                "shown_certificates",
                queryset=certificate_list_valid(),
            ),
            Prefetch(
                "user__office_designations",
                queryset=office_designations_shown().select_related("office"),
                to_attr="shown_designations",
            ),
        )
        .filter(pk=pk)
        .first()
    )


def network_countries(profiles) -> list[str]:
    """The countries of `profiles`, for the directory's filter."""
    return sorted(
        set(profiles.exclude(country="").values_list("country", flat=True)),
        key=str.casefold,
    )


def office_designations_shown() -> QuerySet[OfficeDesignation]:
    """Designations the person has accepted: the only ones any page shows."""
    return OfficeDesignation.objects.filter(status=OfficeDesignation.Status.ACCEPTED)


def office_designation_candidates(office) -> QuerySet:
    """People an office may mark: its coordinators and the trainees it nominated."""
    from .models import User

    return (
        User.objects.filter(is_active=True)
        .filter(Q(office_memberships__office=office) | Q(enrolments__office=office))
        .distinct()
    )


def office_designations_for_user(user) -> QuerySet[OfficeDesignation]:
    """The designations offices proposed for `user`, newest first."""
    return OfficeDesignation.objects.filter(user=user).select_related("office")


def network_profile_choices_for(user) -> dict:
    """The cohorts (admitted to) and valid certificates `user` may choose to show."""
    from certificates.selectors import certificate_list_valid
    from cohorts.models import Cohort, Enrolment

    return {
        "cohorts": Cohort.objects.filter(
            enrolments__user=user, enrolments__status=Enrolment.Status.ADMITTED
        ).order_by("-start_date"),
        "certificates": certificate_list_valid().filter(holder=user),
    }


def contact_requests_sent_today(user, *, now: datetime.datetime | None = None) -> int:
    """How many contact requests `user` sent in the last 24 hours."""
    since = (now or timezone.now()) - datetime.timedelta(days=1)
    return ContactRequest.objects.filter(requester=user, created_at__gte=since).count()


def contact_requests_sent(user) -> QuerySet[ContactRequest]:
    return ContactRequest.objects.filter(requester=user).select_related("expert")


def contact_requests_received(user) -> QuerySet[ContactRequest]:
    return ContactRequest.objects.filter(expert=user).select_related("requester")
