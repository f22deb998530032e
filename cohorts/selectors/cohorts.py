"""Public reads: open cohorts and their seats left per office."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from cohorts.models import Cohort, CohortOffice, Enrolment

PUBLIC_STATUSES = (Cohort.Status.OPEN, Cohort.Status.RUNNING, Cohort.Status.COMPLETED)


@dataclass(frozen=True)
class OfficeSeats:
    office: object
    quota: int
    taken: int
    is_lead: bool

    @property
    def left(self) -> int:
        return max(self.quota - self.taken, 0)


def _participations():
    return Prefetch(
        "participations",
        queryset=CohortOffice.objects.select_related("office").order_by("office__name"),
    )


def cohort_list_open() -> QuerySet[Cohort]:
    """Cohorts taking applications now, soonest first, offices prefetched."""
    now = timezone.now()
    return (
        Cohort.objects.filter(
            status=Cohort.Status.OPEN,
            applications_open_at__lte=now,
            applications_close_at__gt=now,
        )
        .select_related("course", "lead_office")
        .prefetch_related(_participations())
        .order_by("start_date", "title")
    )


def cohort_list_open_for_course(course) -> QuerySet[Cohort]:
    """Open cohorts of one course (for the course page)."""
    return cohort_list_open().filter(course=course)


def cohort_get_public(*, slug: str) -> Cohort:
    """A cohort anyone may look at (not drafts or archived ones), or Http404."""
    try:
        return (
            Cohort.objects.select_related("course", "lead_office")
            .prefetch_related(_participations())
            .get(slug=slug, status__in=PUBLIC_STATUSES)
        )
    except Cohort.DoesNotExist:
        raise Http404 from None


def cohort_is_taking_applications(cohort: Cohort) -> bool:
    """True while the cohort is open and inside its application window."""
    now = timezone.now()
    return (
        cohort.status == Cohort.Status.OPEN
        and cohort.applications_open_at <= now < cohort.applications_close_at
    )


def cohort_seats_by_office(cohort: Cohort) -> list[OfficeSeats]:
    """Each participating office's quota and the seats its nominees hold."""
    taken = dict(
        Enrolment.objects.filter(
            cohort=cohort,
            status__in=Enrolment.SEAT_HOLDING_STATUSES,
        )
        .values_list("office_id")
        .annotate(n=Count("pk"))
    )
    return [
        OfficeSeats(
            office=p.office,
            quota=p.seat_quota,
            taken=taken.get(p.office_id, 0),
            is_lead=p.office_id == cohort.lead_office_id,
        )
        for p in cohort.participations.all()
    ]


def cohort_admitted_count(cohort: Cohort) -> int:
    """How many trainees the cohort has admitted."""
    return cohort.enrolments.filter(status=Enrolment.Status.ADMITTED).count()
