"""Who may see which cohort: every rule is by the office a record belongs to."""

from django.db.models import QuerySet
from django.http import Http404

from cohorts.models import Cohort, OfficeMembership


def office_ids_for_user(user) -> set[int]:
    """Ids of the offices `user` coordinates (empty for anonymous users)."""
    if not user.is_authenticated:
        return set()
    return office_ids_by_user([user.pk])[user.pk]


def office_ids_by_user(user_ids) -> dict[int, set[int]]:
    """{user id: ids of the offices they coordinate} for many users, in one query."""
    offices = {user_id: set() for user_id in user_ids}
    for user_id, office_id in OfficeMembership.objects.filter(
        user_id__in=offices, role=OfficeMembership.Role.COORDINATOR
    ).values_list("user_id", "office_id"):
        offices[user_id].add(office_id)
    return offices


def cohort_list_for_coordinator(user) -> QuerySet[Cohort]:
    """Cohorts that one of the user's offices leads or co-organizes (superusers: all)."""
    qs = Cohort.objects.select_related("course", "lead_office")
    if user.is_superuser:
        return qs
    return qs.filter(participations__office_id__in=office_ids_for_user(user)).distinct()


def cohort_get_for_coordinator(user, **lookup) -> Cohort:
    """The cohort, or Http404 if none of the user's offices takes part in it."""
    try:
        return cohort_list_for_coordinator(user).get(**lookup)
    except Cohort.DoesNotExist:
        raise Http404 from None


def user_leads_cohort(user, cohort: Cohort) -> bool:
    """True when the user coordinates the cohort's lead office (or is a superuser)."""
    return user.is_superuser or cohort.lead_office_id in office_ids_for_user(user)
