"""Staff changes to automatically given scores: a quiz attempt's score overridden.

Assignment grades are written by cohorts.services.assessments; every change,
here or there, goes through `grade_change_record` (history and audit entry).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cohorts.exceptions import AssessmentError, GradingError
from cohorts.models import GradeChange, QuizAttempt
from cohorts.selectors.assessments import user_can_grade
from cohorts.selectors.enrolments import enrolment_assessable
from cohorts.services.assessments import (
    grade_change_record,
    not_gradable_message,
    score_validate,
)
from cohorts.services.cohorts import cohort_ensure_open
from cohorts.services.completion import completion_recompute

REASON_MAX_LENGTH = 1000


def quiz_attempt_score_override(
    *, attempt: QuizAttempt, score, reason: str, overridden_by
) -> QuizAttempt:
    """Replace a submitted quiz attempt's score, for a reason the trainee sees.

    The automatic score is kept (`auto_score`) the first time. Writes one
    GradeChange and one audit entry with the reason, then recomputes the
    trainee's completion (the best attempt counts, as always). Raises
    GradingError when the user may not grade the trainee (a co-organizing
    office grades only its own nominees), CohortStateError on a completed
    cohort, ValidationError for a missing reason or a bad score, and
    AssessmentError while the attempt is still open. The same score and reason
    again change nothing.
    """
    assessment = attempt.assessment
    if not user_can_grade(overridden_by, assessment.cohort):
        raise GradingError(_("You cannot grade this cohort."))
    if not enrolment_assessable(overridden_by, attempt.enrolment):
        raise GradingError(not_gradable_message())
    cohort_ensure_open(assessment.cohort_id)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for changing the score.")})
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError(
            {
                "reason": _("Keep the reason under %(n)s characters.")
                % {"n": REASON_MAX_LENGTH}
            }
        )
    try:
        value = score_validate(assessment, score)
    except ValidationError as exc:
        raise ValidationError({"score": exc.messages}) from None
    with transaction.atomic():
        attempt = (
            QuizAttempt.objects.select_for_update(of=("self",))
            .select_related("enrolment__user", "enrolment__cohort", "assessment")
            .get(pk=attempt.pk)
        )
        if attempt.is_open:
            raise AssessmentError(
                _("This attempt is still in progress; its score can change later.")
            )
        if attempt.score == value and attempt.override_reason == reason:
            return attempt
        grade_change_record(
            attempt,
            new_score=value,
            user=overridden_by,
            source=GradeChange.Source.OVERRIDE,
            reason=reason,
        )
        if attempt.auto_score is None:
            attempt.auto_score = attempt.score
        attempt.score = value
        attempt.override_reason = reason
        attempt.save(update_fields=["score", "auto_score", "override_reason"])
        completion_recompute(attempt.enrolment)
    return attempt
