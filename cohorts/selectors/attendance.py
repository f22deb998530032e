"""Reads for sessions and attendance: who may manage what, rosters, rates."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
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
    """Whether the trainee is expected at the session: THE rule, used everywhere.

    Expected means admitted (holding a seat, not withdrawn) and admitted no later
    than the session's start. A trainee admitted after a session started, even
    mid-session, could not attend all of it: that session is "not expected", is
    not marked, and never counts in their rate either way. Enrolments without an
    admission time (admitted before it was recorded) are expected everywhere.
    Whether the session counts yet is `session_is_held`.
    """
    if enrolment.status != Enrolment.Status.ADMITTED:
        return False
    return enrolment.admitted_at is None or enrolment.admitted_at <= session.starts_at


def session_hours(session: Session) -> Decimal:
    """The session's length in hours (two decimals): training hours count this."""
    return (Decimal(session.duration.total_seconds()) / 3600).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )


def session_is_held(session: Session, *, now) -> bool:
    """A session counts in attendance rates once it has ended; future and
    running sessions never do."""
    return session.ends_at <= now


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


@dataclass(frozen=True)
class AttendanceStats:
    """Held sessions a trainee was expected at, and how many they attended."""

    expected: int
    attended: int
    attended_hours: Decimal = Decimal(0)  # length of the attended sessions
    # The same hours by the month (first day, local time) the session began.
    hours_by_month: dict = field(default_factory=dict, compare=False)

    @property
    def rate(self) -> Decimal | None:
        """Percent attended (two decimals, half up), None before any expected
        session was held."""
        return self.rate_to(Decimal("0.01"))

    def rate_to(self, places: Decimal) -> Decimal | None:
        """`rate` rounded half up to `places` (reports show one decimal)."""
        if not self.expected:
            return None
        return (Decimal(100) * self.attended / self.expected).quantize(
            places, rounding=ROUND_HALF_UP
        )


def attended_statuses(cohort: Cohort) -> tuple[str, ...]:
    """Mark statuses that count as attended: present and late, plus excused
    when the cohort says so."""
    if cohort.excused_counts_as_attended:
        return (*ATTENDED, AttendanceMark.Status.EXCUSED)
    return ATTENDED


def attendance_stats_for_enrolments(
    enrolments: Iterable[Enrolment | int], *, now=None
) -> dict[int, AttendanceStats]:
    """Attendance so far per enrolment id: the one attendance-rate computation.

    Expected sessions follow `enrolment_is_expected`, counted sessions
    `session_is_held`; attended are marks in `attended_statuses` of the
    cohort. An expected, held, unmarked session counts as not attended.
    Warnings, rosters, gradebook, completion (so certificates), hub and
    exports all read this. Two queries when given loaded enrolments, three
    when given ids, whatever the number of enrolments and sessions.
    """
    now = now or timezone.now()
    items = list(enrolments)
    loaded = [e for e in items if isinstance(e, Enrolment)]
    ids = [e for e in items if not isinstance(e, Enrolment)]
    if ids:
        loaded += list(Enrolment.objects.filter(pk__in=ids).select_related("cohort"))
    by_cohort: dict[int, list[Session]] = {}
    for session in Session.objects.filter(
        cohort_id__in={e.cohort_id for e in loaded}, ends_at__lte=now
    ).select_related("cohort"):
        by_cohort.setdefault(session.cohort_id, []).append(session)
    marks = {
        (enrolment_id, session_id): status
        for enrolment_id, session_id, status in AttendanceMark.objects.filter(
            enrolment_id__in=[e.pk for e in loaded],
            session__ends_at__lte=now,
            status__in=(*ATTENDED, AttendanceMark.Status.EXCUSED),
        ).values_list("enrolment_id", "session_id", "status")
    }
    stats = {}
    for enrolment in loaded:
        expected = attended = 0
        hours = Decimal(0)
        by_month: dict[datetime.date, Decimal] = {}
        for session in by_cohort.get(enrolment.cohort_id, []):
            if not (
                session_is_held(session, now=now)
                and enrolment_is_expected(enrolment, session)
            ):
                continue
            expected += 1
            status = marks.get((enrolment.pk, session.pk))
            if status in attended_statuses(session.cohort):
                attended += 1
                hours += session_hours(session)
                month = timezone.localtime(session.starts_at).date().replace(day=1)
                by_month[month] = by_month.get(month, 0) + session_hours(session)
        stats[enrolment.pk] = AttendanceStats(
            expected=expected,
            attended=attended,
            attended_hours=hours,
            hours_by_month=by_month,
        )
    return stats


def attendance_rates_for_cohort(
    cohort: Cohort, *, now=None
) -> dict[int, Decimal | None]:
    """Attendance rate (percent) of every admitted enrolment of the cohort;
    see `attendance_stats_for_enrolments`. Three queries."""
    enrolments = Enrolment.objects.filter(
        cohort=cohort, status=Enrolment.Status.ADMITTED
    )
    return {
        pk: stats.rate
        for pk, stats in attendance_stats_for_enrolments(enrolments, now=now).items()
    }


def attendance_rate_for(enrolment: Enrolment, *, now=None) -> Decimal | None:
    """Attendance rate (percent) of one enrolment; see
    `attendance_stats_for_enrolments`. None when not admitted."""
    return attendance_stats_for_enrolments([enrolment], now=now)[enrolment.pk].rate


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
