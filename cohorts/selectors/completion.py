"""Reads that feed the completion rules, for one trainee or a whole cohort at once.

Every function here runs a fixed number of queries whatever the number of
enrolments, sessions or assessments, so rosters and gradebooks stay fast.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Max

from cohorts.models import Assessment, AssignmentSubmission, Enrolment, QuizAttempt
from cohorts.selectors.attendance import (
    AttendanceStats,
    attendance_stats_for_enrolments,
)

__all__ = [
    "AssessmentOutcome",
    "AttendanceStats",
    "CompletionInputs",
    "attendance_stats_for_enrolments",
    "completion_inputs_for_enrolments",
]

HUNDRED = Decimal(100)


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


def completion_inputs_for_enrolments(
    enrolments: Iterable[Enrolment], *, now=None
) -> dict[int, CompletionInputs]:
    """Attendance and assessment outcomes per enrolment id, in a fixed number
    of queries. Attendance is `attendance_stats_for_enrolments`, the rule every
    rate on the platform follows.

    Only published assessments count. A quiz counts with the best score of its
    submitted attempts; an assignment with its submission's grade (None while
    ungraded).
    """
    enrolments = list(enrolments)
    ids = [e.pk for e in enrolments]
    cohort_ids = {e.cohort_id for e in enrolments}
    attendance = attendance_stats_for_enrolments(enrolments, now=now)
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
