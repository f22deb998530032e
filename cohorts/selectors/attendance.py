"""Reads for sessions and attendance: who may manage what, rosters, rates."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from cohorts.models import (
    AttendanceChange,
    AttendanceMark,
    Cohort,
    Enrolment,
    Session,
)
from cohorts.selectors.enrolments import enrolment_details_office_ids
from cohorts.selectors.scoping import cohort_list_for_coordinator

ATTENDED = (AttendanceMark.Status.PRESENT, AttendanceMark.Status.LATE)


# ---- permissions ----


def cohort_get_for_attendance(user, *, slug: str) -> Cohort:
    """The cohort if `user` coordinates a taking-part office or teaches one of
    its sessions; otherwise Http404 (we do not reveal that it exists)."""
    if not user.is_authenticated:
        raise Http404
    qs = Cohort.objects.select_related("course", "lead_office")
    if not user.is_superuser:
        coordinated = cohort_list_for_coordinator(user).values("pk")
        qs = qs.filter(Q(pk__in=coordinated) | Q(sessions__instructors=user))
    cohort = qs.filter(slug=slug).distinct().first()
    if cohort is None:
        raise Http404
    return cohort


def user_coordinates_cohort(user, cohort: Cohort) -> bool:
    """True when one of the user's offices takes part in the cohort (or superuser)."""
    return cohort_list_for_coordinator(user).filter(pk=cohort.pk).exists()


def session_get_for_attendance(user, *, cohort: Cohort, session_id: int) -> Session:
    """The session if the user teaches it or coordinates the cohort; else Http404."""
    session = (
        Session.objects.select_related("cohort")
        .filter(cohort=cohort, pk=session_id)
        .first()
    )
    if session is None:
        raise Http404
    if session.instructors.filter(pk=user.pk).exists():
        return session
    if user_coordinates_cohort(user, cohort):
        return session
    raise Http404


# ---- sessions ----


def session_list_for_cohort(cohort: Cohort) -> QuerySet[Session]:
    """The cohort's sessions in order, with instructors prefetched."""
    return Session.objects.filter(cohort=cohort).prefetch_related("instructors")


def session_list_for_trainee(user) -> QuerySet[Session]:
    """Sessions of every cohort the user is admitted to, plus sessions they teach."""
    return (
        Session.objects.filter(
            Q(
                cohort__enrolments__user=user,
                cohort__enrolments__status=Enrolment.Status.ADMITTED,
            )
            | Q(instructors=user)
        )
        .select_related("cohort")
        .distinct()
    )


def session_is_markable(session: Session, *, now=None) -> bool:
    """Future sessions cannot be marked; a session can once it has started."""
    return session.starts_at <= (now or timezone.now())


def enrolment_is_expected(enrolment: Enrolment, session: Session) -> bool:
    """Whether the trainee was expected at the session.

    Only admitted trainees are expected, and only at sessions that had not yet
    ended when they were admitted; earlier sessions are "not expected".
    """
    if enrolment.status != Enrolment.Status.ADMITTED:
        return False
    return enrolment.admitted_at is None or enrolment.admitted_at <= session.ends_at


def enrolment_list_admitted(cohort: Cohort) -> QuerySet[Enrolment]:
    """Admitted enrolments of the cohort, trainee and office loaded, by name."""
    return (
        Enrolment.objects.filter(cohort=cohort, status=Enrolment.Status.ADMITTED)
        .select_related("user", "office")
        .order_by("user__last_name", "user__first_name", "user__email")
    )


@dataclass
class RosterRow:
    enrolment: Enrolment
    mark: AttendanceMark | None
    expected: bool


def roster_for_session(session: Session) -> list[RosterRow]:
    """One row per admitted trainee with their mark (if any); two queries."""
    marks = {m.enrolment_id: m for m in AttendanceMark.objects.filter(session=session)}
    return [
        RosterRow(
            enrolment=e,
            mark=marks.get(e.pk),
            expected=enrolment_is_expected(e, session),
        )
        for e in enrolment_list_admitted(session.cohort)
    ]


def attendance_change_list(*, session: Session) -> QuerySet[AttendanceChange]:
    """Every change of a mark in the session, newest first."""
    return AttendanceChange.objects.filter(session=session).select_related(
        "enrolment__user", "changed_by"
    )


# ---- rates ----


def _rate(attended: int, expected: int) -> Decimal | None:
    if not expected:
        return None
    return (Decimal(100) * attended / expected).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )


def _attended_statuses(cohort: Cohort) -> tuple[str, ...]:
    if cohort.excused_counts_as_attended:
        return (*ATTENDED, AttendanceMark.Status.EXCUSED)
    return ATTENDED


def attendance_rates_for_cohort(
    cohort: Cohort, *, now=None
) -> dict[int, Decimal | None]:
    """Attendance rate (percent) of every admitted enrolment of the cohort.

    Rate = attended / expected held sessions, where held means ended by `now`,
    expected follows `enrolment_is_expected`, and attended is present or late,
    plus excused when the cohort counts excused absences as attended. An
    unmarked expected session counts as not attended. None when no expected
    session has been held yet. Three queries whatever the cohort's size.
    """
    now = now or timezone.now()
    held = list(Session.objects.filter(cohort=cohort, ends_at__lte=now))
    enrolments = list(
        Enrolment.objects.filter(cohort=cohort, status=Enrolment.Status.ADMITTED)
    )
    attended_statuses = _attended_statuses(cohort)
    attended_pairs = set(
        AttendanceMark.objects.filter(
            session__in=[s.pk for s in held],
            enrolment__in=[e.pk for e in enrolments],
            status__in=attended_statuses,
        ).values_list("enrolment_id", "session_id")
    )
    rates = {}
    for enrolment in enrolments:
        expected = [s for s in held if enrolment_is_expected(enrolment, s)]
        attended = sum((enrolment.pk, s.pk) in attended_pairs for s in expected)
        rates[enrolment.pk] = _rate(attended, len(expected))
    return rates


def attendance_rate_for(enrolment: Enrolment, *, now=None) -> Decimal | None:
    """Attendance rate (percent) of one enrolment; see `attendance_rates_for_cohort`."""
    if enrolment.status != Enrolment.Status.ADMITTED:
        return None
    now = now or timezone.now()
    held = [
        s
        for s in Session.objects.filter(cohort_id=enrolment.cohort_id, ends_at__lte=now)
        if enrolment_is_expected(enrolment, s)
    ]
    attended = AttendanceMark.objects.filter(
        enrolment=enrolment,
        session__in=[s.pk for s in held],
        status__in=_attended_statuses(enrolment.cohort),
    ).count()
    return _rate(attended, len(held))


def cohort_list_running() -> QuerySet[Cohort]:
    """Cohorts currently running."""
    return Cohort.objects.filter(status=Cohort.Status.RUNNING)


def export_rows_for_cohort(cohort: Cohort, *, viewer):
    """(session, enrolment, mark or None, expected, details visible) for every
    session × trainee.

    Whether `viewer` may read a trainee's contact details is the applications
    page's rule (`enrolment_details_office_ids`). Four queries: the viewer's
    offices, sessions, admitted enrolments, marks.
    """
    allowed = enrolment_details_office_ids(viewer, cohort)
    sessions = list(Session.objects.filter(cohort=cohort))
    enrolments = list(enrolment_list_admitted(cohort))
    marks = {
        (m.session_id, m.enrolment_id): m
        for m in AttendanceMark.objects.filter(session__cohort=cohort)
    }
    for session in sessions:
        for enrolment in enrolments:
            yield (
                session,
                enrolment,
                marks.get((session.pk, enrolment.pk)),
                enrolment_is_expected(enrolment, session),
                allowed is None or enrolment.office_id in allowed,
            )
