"""The end-of-cohort evaluation: when it is open, who may answer, and its
results, which stay hidden until it closes with at least 5 responses."""

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cohorts.models import Cohort, Enrolment, EvaluationReceipt, EvaluationResponse

EVALUATION_OPEN_DAYS = 30
MIN_RESPONSES = 5
QUESTIONS = ("overall", "relevance", "delivery")  # ratings 1 to 5


def evaluation_closes_on(cohort: Cohort) -> datetime.date:
    """The last day answers are taken: 30 days after the cohort's end."""
    return cohort.end_date + datetime.timedelta(days=EVALUATION_OPEN_DAYS)


def evaluation_is_open(cohort: Cohort, *, today=None) -> bool:
    """Open from the cohort's last day until it closes."""
    today = today or timezone.localdate()
    return cohort.end_date <= today <= evaluation_closes_on(cohort)


def evaluation_enrolments_to_answer(user, *, today=None) -> list[Enrolment]:
    """The user's admitted enrolments whose evaluation is open and unanswered."""
    enrolments = Enrolment.objects.filter(
        user=user, status=Enrolment.Status.ADMITTED, evaluation_receipt__isnull=True
    ).select_related("cohort")
    return [e for e in enrolments if evaluation_is_open(e.cohort, today=today)]


def evaluation_has_answered(enrolment: Enrolment) -> bool:
    return EvaluationReceipt.objects.filter(enrolment=enrolment).exists()


@dataclass
class EvaluationResult:
    responses: int
    means: dict  # question → Decimal, or {} while hidden
    shown: bool


def evaluation_results_for_cohorts(cohorts: list[Cohort], *, today=None) -> dict:
    """{cohort id: EvaluationResult}: mean ratings only once the evaluation has
    closed with at least 5 responses. Two queries whatever the cohorts."""
    today = today or timezone.localdate()
    rows = (
        EvaluationResponse.objects.filter(cohort__in=cohorts)
        .values("cohort_id")
        .annotate(n=Count("pk"), **{q: Avg(q) for q in QUESTIONS})
    )
    figures = {row["cohort_id"]: row for row in rows}
    results = {}
    for cohort in cohorts:
        row = figures.get(cohort.pk, {"n": 0})
        shown = row["n"] >= MIN_RESPONSES and today > evaluation_closes_on(cohort)
        means = (
            {
                q: Decimal(str(row[q])).quantize(Decimal("0.1"), ROUND_HALF_UP)
                for q in QUESTIONS
            }
            if shown
            else {}
        )
        results[cohort.pk] = EvaluationResult(row["n"], means, shown)
    return results


EVALUATION_QUESTIONS = {
    "overall": _("Overall, how useful was this training?"),
    "relevance": _("How relevant was it to your work?"),
    "delivery": _("How good were the trainers and the delivery?"),
}
