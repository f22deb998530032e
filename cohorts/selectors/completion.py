"""Reads that feed the completion rules, for one trainee or a whole cohort at once.

Every function here runs a fixed number of queries whatever the number of
enrolments, sessions or assessments, so rosters and gradebooks stay fast.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, IntegerField, Max, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from cohorts.models import (
    Assessment,
    AssignmentSubmission,
    AttendanceMark,
    Enrolment,
    QuizAttempt,
    Session,
)

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class AttendanceStats:
    """Held sessions a trainee was expected at, and how many they attended."""

    expected: int
    attended: int

    @property
    def rate(self) -> Decimal | None:
        """Percent attended (two decimals), or None before any session was held."""
        if not self.expected:
            return None
        return (HUNDRED * self.attended / self.expected).quantize(Decimal("0.01"))


@dataclass
class AssessmentOutcome:
    """Where one trainee stands on one assessment."""

    assessment: Assessment
    submitted: bool = False
    score: Decimal | None = None  # None: no graded work yet
    late: bool = False

    @property
    def graded(self) -> bool:
        return self.score is not None


@dataclass
class CompletionInputs:
    """Everything the completion rules read about one enrolment."""

    attendance: AttendanceStats
    outcomes: list[AssessmentOutcome] = field(default_factory=list)


def _attended_statuses_q() -> Q:
    statuses = [AttendanceMark.Status.PRESENT, AttendanceMark.Status.LATE]
    return Q(status__in=statuses) | Q(
        status=AttendanceMark.Status.EXCUSED,
        enrolment__cohort__excused_counts_as_attended=True,
    )


def attendance_stats_for_enrolments(
    enrolment_ids: Iterable[int], *, now=None
) -> dict[int, AttendanceStats]:
    """Attendance per enrolment id, in one query.

    Expected sessions are the cohort's sessions that have ended and started at
    or after the trainee was admitted (earlier ones are "not expected", never
    absences). Attended counts present and late marks, plus excused ones when
    the cohort counts excused absences as attended.
    """
    now = now or timezone.now()
    held = Session.objects.filter(
        cohort=OuterRef("cohort_id"),
        ends_at__lte=now,
        starts_at__gte=OuterRef("admitted_at"),
    )
    expected = held.order_by().values("cohort").annotate(n=Count("pk")).values("n")[:1]
    expected_no_admission = (
        Session.objects.filter(cohort=OuterRef("cohort_id"), ends_at__lte=now)
        .order_by()
        .values("cohort")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    attended = (
        AttendanceMark.objects.filter(
            enrolment=OuterRef("pk"),
            session__ends_at__lte=now,
            session__starts_at__gte=OuterRef("admitted_at"),
        )
        .filter(_attended_statuses_q())
        .order_by()
        .values("enrolment")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    zero = Value(0, output_field=IntegerField())
    rows = (
        Enrolment.objects.filter(pk__in=list(enrolment_ids))
        .annotate(
            n_expected=Coalesce(Subquery(expected), zero),
            n_expected_all=Coalesce(Subquery(expected_no_admission), zero),
            n_attended=Coalesce(Subquery(attended), zero),
        )
        .values_list("pk", "admitted_at", "n_expected", "n_expected_all", "n_attended")
    )
    return {
        pk: AttendanceStats(
            expected=n_expected if admitted_at else n_all, attended=n_attended
        )
        for pk, admitted_at, n_expected, n_all, n_attended in rows
    }


def completion_inputs_for_enrolments(
    enrolments: Iterable[Enrolment], *, now=None
) -> dict[int, CompletionInputs]:
    """Attendance and assessment outcomes per enrolment id, in four queries.

    Only published assessments count. A quiz counts with the best score of its
    submitted attempts; an assignment with its submission's grade (None while
    ungraded).
    """
    enrolments = list(enrolments)
    ids = [e.pk for e in enrolments]
    cohort_ids = {e.cohort_id for e in enrolments}
    attendance = attendance_stats_for_enrolments(ids, now=now)
    assessments = list(Assessment.objects.filter(cohort_id__in=cohort_ids).published())
    best = {
        (row["enrolment_id"], row["assessment_id"]): row["best"]
        for row in QuizAttempt.objects.filter(
            enrolment_id__in=ids, submitted_at__isnull=False
        )
        .values("enrolment_id", "assessment_id")
        .annotate(best=Max("score"))
    }
    submissions = {
        (s.enrolment_id, s.assessment_id): s
        for s in AssignmentSubmission.objects.filter(enrolment_id__in=ids).only(
            "enrolment_id", "assessment_id", "score", "late"
        )
    }
    result = {}
    for enrolment in enrolments:
        outcomes = []
        for assessment in assessments:
            if assessment.cohort_id != enrolment.cohort_id:
                continue
            key = (enrolment.pk, assessment.pk)
            outcome = AssessmentOutcome(assessment=assessment)
            if assessment.is_quiz:
                if key in best:
                    outcome.submitted, outcome.score = True, best[key]
            elif key in submissions:
                sub = submissions[key]
                outcome.submitted, outcome.score, outcome.late = (
                    True,
                    sub.score,
                    sub.late,
                )
            outcomes.append(outcome)
        result[enrolment.pk] = CompletionInputs(
            attendance=attendance.get(enrolment.pk, AttendanceStats(0, 0)),
            outcomes=outcomes,
        )
    return result
