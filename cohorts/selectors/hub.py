"""Reads for the staff workspace: a cohort's hub and the admin dashboard.

Nothing here decides a rule of its own: who may see or do what comes from
`scoping` and `assessments.cohort_list_for_grader`, seats from `cohorts`, the
attendance rate from `attendance.attendance_stats_for_enrolments` (the one
that feeds warnings, completion and certificates).
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from cohorts.models import (
    Assessment,
    AssignmentSubmission,
    Cohort,
    Enrolment,
    Session,
)
from cohorts.selectors.assessments import (
    cohort_list_for_grader,
    work_filter_gradable_by,
)
from cohorts.selectors.attendance import (
    AttendanceStats,
    attendance_stats_for_enrolments,
)
from cohorts.selectors.cohorts import OfficeSeats, cohort_seats_by_office
from cohorts.selectors.enrolments import enrolment_assessable_office_ids_by_cohort
from cohorts.selectors.scoping import office_ids_for_user

# Cohorts that still need a coordinator's attention on the dashboard.
DASHBOARD_STATUSES = (
    Cohort.Status.DRAFT,
    Cohort.Status.OPEN,
    Cohort.Status.RUNNING,
    Cohort.Status.COMPLETED,
)
DASHBOARD_LIMIT = 20


def cohort_list_for_staff(user) -> QuerySet[Cohort]:
    """Cohorts whose hub the user may open: coordinators of a taking-part
    office and the cohort's instructors (the gradebook's rule), superusers all."""
    return cohort_list_for_grader(user)


def enrolment_awaiting_decision_q(user, prefix: str = "") -> Q:
    """Applications `user` can decide now: new applications nominated by one of
    their offices, and nominations to a cohort their office leads (superusers:
    both everywhere). `prefix` lets a cohort query filter its enrolments."""
    applied = Q(**{f"{prefix}status": Enrolment.Status.APPLIED})
    nominated = Q(**{f"{prefix}status": Enrolment.Status.NOMINATED})
    if user.is_superuser:
        return applied | nominated
    mine = office_ids_for_user(user)
    return (applied & Q(**{f"{prefix}office_id__in": mine})) | (
        nominated & Q(**{f"{prefix}cohort__lead_office_id__in": mine})
    )


def _ungraded_submissions() -> QuerySet[AssignmentSubmission]:
    return AssignmentSubmission.objects.filter(
        score__isnull=True, enrolment__status=Enrolment.Status.ADMITTED
    )


@dataclass
class OfficeApplications:
    seats: OfficeSeats
    by_status: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.by_status.values())


@dataclass
class CohortFigures:
    """What the hub shows about one cohort, read in a fixed number of queries."""

    offices: list[OfficeApplications]
    awaiting_my_decision: int
    seats_taken: int
    seats_quota: int
    admitted: int
    sessions: list[Session]
    next_session: Session | None
    attendance_rate: object  # Decimal | None
    to_grade: int
    assessments: list[Assessment]
    completion: dict[str, int] = field(default_factory=dict)


def cohort_figures(cohort: Cohort, user, *, now=None) -> CohortFigures:
    """The hub's figures: applications per office, seats, sessions, attendance
    rate to date, submissions `user` may grade not yet graded, and completion.
    Callers check scoping."""
    now = now or timezone.now()
    seats = cohort_seats_by_office(cohort)
    per_office: dict[int, dict[str, int]] = {}
    for office_id, status, n in (
        Enrolment.objects.filter(cohort=cohort)
        .order_by()
        .values_list("office_id", "status")
        .annotate(n=Count("pk"))
    ):
        per_office.setdefault(office_id, {})[status] = n
    admitted = list(
        Enrolment.objects.filter(cohort=cohort, status=Enrolment.Status.ADMITTED)
    )
    stats = attendance_stats_for_enrolments(admitted, now=now).values()
    # The cohort's rate is attended over expected sessions of all its trainees.
    overall = AttendanceStats(
        expected=sum(s.expected for s in stats),
        attended=sum(s.attended for s in stats),
    )
    sessions = list(
        Session.objects.filter(cohort=cohort).prefetch_related("instructors")
    )
    completion = Counter(
        Enrolment.objects.filter(
            cohort=cohort, status=Enrolment.Status.ADMITTED
        ).values_list("completion", flat=True)
    )
    return CohortFigures(
        offices=[
            OfficeApplications(seats=s, by_status=per_office.get(s.office.pk, {}))
            for s in seats
        ],
        awaiting_my_decision=Enrolment.objects.filter(cohort=cohort)
        .filter(enrolment_awaiting_decision_q(user))
        .count(),
        seats_taken=sum(s.taken for s in seats),
        seats_quota=sum(s.quota for s in seats),
        admitted=len(admitted),
        sessions=sessions,
        next_session=next((s for s in sessions if s.ends_at > now), None),
        attendance_rate=overall.rate,
        to_grade=work_filter_gradable_by(
            _ungraded_submissions().filter(assessment__cohort=cohort), user, cohort
        ).count(),
        assessments=list(cohort.assessments.all()),
        completion=dict(completion),
    )


# ---- dashboard ----


def _count(queryset, outer: str = "pk", inner: str = "cohort") -> Subquery:
    counted = (
        queryset.filter(**{inner: OuterRef(outer)})
        .order_by()
        .values(inner)
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def cohort_list_for_dashboard(user, *, now=None) -> list[Cohort]:
    """The user's current cohorts with their next actions, in a few queries.

    Each cohort gets `n_to_decide` (applications awaiting the user's decision),
    `n_to_grade` (ungraded submissions the user may grade) and `n_sessions_today` (sessions whose
    start falls on today's date in the cohort's time zone).
    """
    now = now or timezone.now()
    awaiting = Enrolment.objects.filter(enrolment_awaiting_decision_q(user))
    cohorts = list(
        cohort_list_for_staff(user)
        .filter(status__in=DASHBOARD_STATUSES)
        .annotate(
            n_to_decide=_count(awaiting),
        )
        .order_by("start_date", "title")[:DASHBOARD_LIMIT]
    )
    # "Today" depends on each cohort's zone: fetch the sessions of a wide
    # enough window once, then sort them by local date in Python.
    window = datetime.timedelta(hours=36)
    starts = Counter()
    local_today = {c.pk: now.astimezone(c.zone).date() for c in cohorts}
    by_pk = {c.pk: c for c in cohorts}
    for cohort_id, starts_at in Session.objects.filter(
        cohort_id__in=list(by_pk),
        starts_at__gte=now - window,
        starts_at__lte=now + window,
    ).values_list("cohort_id", "starts_at"):
        zone = by_pk[cohort_id].zone
        if starts_at.astimezone(zone).date() == local_today[cohort_id]:
            starts[cohort_id] += 1
    # Only what the user may grade: a co-organizer grades its own nominees.
    allowed = enrolment_assessable_office_ids_by_cohort(user, cohorts)
    ungraded = Counter()
    for cohort_id, office_id, n in (
        _ungraded_submissions()
        .filter(assessment__cohort_id__in=list(by_pk))
        .order_by()
        .values_list("assessment__cohort_id", "enrolment__office_id")
        .annotate(n=Count("pk"))
    ):
        if allowed[cohort_id] is None or office_id in allowed[cohort_id]:
            ungraded[cohort_id] += n
    for cohort in cohorts:
        cohort.n_sessions_today = starts[cohort.pk]
        cohort.n_to_grade = ungraded[cohort.pk]
    return cohorts
