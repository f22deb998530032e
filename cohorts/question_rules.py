"""What makes a quiz question answerable: the one rule for the builder, the
import and the service. Pure functions on plain values, no ORM."""

from django.utils.translation import gettext as _

from cohorts.models import Question


def choice_errors(kind: str, correct: list[bool]) -> list[str]:
    """Problems with a question's choices, given each choice's `correct` flag."""
    n_correct = sum(1 for flag in correct if flag)
    if kind == Question.Kind.SHORT_ANSWER:
        if correct:
            return [_("Short-answer questions use accepted answers, not choices.")]
        return []
    if kind == Question.Kind.TRUE_FALSE and len(correct) != 2:
        return [_("True/false questions have two choices.")]
    if len(correct) < 2:
        return [_("Give at least two choices.")]
    if kind == Question.Kind.MULTIPLE:
        return [] if n_correct >= 1 else [_("Mark at least one choice correct.")]
    return [] if n_correct == 1 else [_("Mark exactly one choice correct.")]


def accepted_answer_errors(kind: str, n_accepted: int) -> list[str]:
    """Problems with a question's accepted answers (short answer only)."""
    if kind == Question.Kind.SHORT_ANSWER and n_accepted < 1:
        return [_("Give at least one accepted answer.")]
    if kind != Question.Kind.SHORT_ANSWER and n_accepted:
        return [_("Only short-answer questions have accepted answers.")]
    return []
