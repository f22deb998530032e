"""Answering the end-of-cohort evaluation."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from cohorts.exceptions import EvaluationError
from cohorts.models import Cohort, Enrolment, EvaluationReceipt, EvaluationResponse
from cohorts.selectors.evaluations import evaluation_is_open


@transaction.atomic
def evaluation_submit(
    *,
    user,
    cohort: Cohort,
    overall: int,
    relevance: int,
    delivery: int,
    comment: str = "",
    today=None,
) -> EvaluationResponse:
    """Record the user's anonymous answer: a receipt (one per trainee) and a
    response that names nobody. Raises EvaluationError when the user was not
    admitted, the evaluation is not open, or they have answered already; not
    idempotent by design (a second answer is refused)."""
    enrolment = (
        Enrolment.objects.select_for_update()
        .filter(user=user, cohort=cohort, status=Enrolment.Status.ADMITTED)
        .first()
    )
    if enrolment is None:
        raise EvaluationError(_("Only the cohort's trainees answer its evaluation."))
    if not evaluation_is_open(cohort, today=today):
        raise EvaluationError(_("This evaluation is not open."))
    try:
        with transaction.atomic():
            EvaluationReceipt.objects.create(enrolment=enrolment)
    except IntegrityError:
        raise EvaluationError(
            _("You have already answered this evaluation. Thank you.")
        ) from None
    response = EvaluationResponse(
        cohort=cohort,
        overall=overall,
        relevance=relevance,
        delivery=delivery,
        comment=comment.strip(),
    )
    response.full_clean()
    response.save()
    return response
