"""Writing quizzes and assignments: save, new version, delete, import questions.

Who may write is checked here (`user_can_author`: the lead office's
coordinators, the cohort's instructors, superusers), so the admin, an import
or the shell obey the same rule. A quiz's questions are frozen once a trainee
has started it: scores already given must keep meaning what they meant.
Each write is logged in Wagtail's history of the assessment.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from cohorts.aiken import AikenError, AikenQuestion, parse_aiken
from cohorts.exceptions import (
    AssessmentError,
    AssessmentHasWorkError,
    AuthoringNotAllowedError,
    QuestionsFrozenError,
)
from cohorts.models import (
    AcceptedAnswer,
    Assessment,
    Choice,
    Question,
)
from cohorts.question_rules import accepted_answer_errors, choice_errors
from cohorts.selectors.assessments import user_can_author


def _require_author(by, cohort) -> None:
    if not user_can_author(by, cohort):
        raise AuthoringNotAllowedError(
            _(
                "Only the lead office's coordinators and the cohort's instructors "
                "write its assessments."
            )
        )


def assessment_is_frozen(assessment: Assessment) -> bool:
    """True once a trainee has started the quiz: its questions may not change."""
    return bool(assessment.pk) and assessment.attempts.exists()


def _require_not_frozen(assessment: Assessment) -> None:
    if assessment_is_frozen(assessment):
        raise QuestionsFrozenError(
            _(
                "Trainees have already taken this quiz, so its questions and "
                "choices cannot change. Create a new version to change them."
            )
        )


def _signature(questions) -> list:
    """What a quiz asks and what counts as right, comparable across saves."""
    return [
        (
            q.pk,
            q.kind,
            q.text,
            str(q.points),
            q.order,
            q.keep_with_previous,
            [(c.pk, c.text, c.correct) for c in q.choices.all()],
            sorted(a.text for a in q.accepted_answers.all()),
        )
        for q in sorted(questions, key=lambda q: (q.order, q.pk or 0))
    ]


def _stored_questions(assessment: Assessment):
    return Question.objects.filter(assessment_id=assessment.pk).prefetch_related(
        "choices", "accepted_answers"
    )


def _validate_questions(assessment: Assessment) -> None:
    errors = []
    questions = list(assessment.questions.all())
    for number, question in enumerate(questions, start=1):
        problems = choice_errors(
            question.kind, [c.correct for c in question.choices.all()]
        ) + accepted_answer_errors(question.kind, len(question.accepted_answers.all()))
        errors += [
            _("Question %(n)s: %(problem)s") % {"n": number, "problem": p}
            for p in problems
        ]
    if (
        assessment.is_quiz
        and assessment.status == Assessment.Status.PUBLISHED
        and not questions
    ):
        errors.append(
            ValidationError(
                _("Add at least one question before publishing the quiz."),
                code="no_questions",
            )
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def assessment_save(*, assessment: Assessment, by) -> Assessment:
    """Create or update an assessment with its questions (held in memory by the
    admin's form) in one transaction.

    Raises AuthoringNotAllowedError unless `by` may write the cohort's
    assessments (before and after a change of cohort), QuestionsFrozenError
    when the questions of a quiz with attempts differ from the stored ones, and
    ValidationError (writing nothing) for a question that cannot be answered or
    a published quiz without questions. Saving unchanged data changes nothing
    but the history entry.
    """
    created = assessment.pk is None
    _require_author(by, assessment.cohort)
    if not created:
        stored = Assessment.objects.select_related("cohort").get(pk=assessment.pk)
        _require_author(by, stored.cohort)
        if assessment_is_frozen(stored) and _signature(
            assessment.questions.all()
        ) != _signature(_stored_questions(stored)):
            _require_not_frozen(stored)
    _validate_questions(assessment)
    for question in assessment.questions.all():
        for position, choice in enumerate(question.choices.all()):
            choice.order = position
    assessment.full_clean()
    assessment.save()  # the cluster saves questions, choices and answers too
    log(assessment, "wagtail.create" if created else "wagtail.edit", user=by)
    return assessment


def _free_title(assessment: Assessment) -> str:
    taken = set(
        Assessment.objects.filter(cohort_id=assessment.cohort_id).values_list(
            "title", flat=True
        )
    )
    base = assessment.title
    for n in range(2, 1000):
        title = _("%(title)s (version %(n)s)") % {"title": base, "n": n}
        title = title[: Assessment._meta.get_field("title").max_length]
        if title not in taken:
            return title
    raise ValidationError(_("Too many versions of this assessment."))


@transaction.atomic
def assessment_new_version(*, assessment: Assessment, by) -> Assessment:
    """Copy an assessment, its questions, choices and accepted answers as a new
    draft of the same cohort, titled "… (version N)".

    The original and its attempts are untouched; publish the copy (and
    unpublish the original if it should stop counting) when ready. Raises
    AuthoringNotAllowedError. Not idempotent: each call makes another copy.
    """
    _require_author(by, assessment.cohort)
    copy = Assessment(
        cohort=assessment.cohort,
        title=_free_title(assessment),
        kind=assessment.kind,
        weight=assessment.weight,
        max_score=assessment.max_score,
        due_at=assessment.due_at,
        required=assessment.required,
        attempt_limit=assessment.attempt_limit,
        time_limit_minutes=assessment.time_limit_minutes,
        instructions=assessment.instructions,
        status=Assessment.Status.DRAFT,
    )
    copy.full_clean()
    copy.save()
    for question in _stored_questions(assessment):
        new = Question.objects.create(
            assessment=copy,
            kind=question.kind,
            text=question.text,
            order=question.order,
            points=question.points,
            explanation=question.explanation,
            keep_with_previous=question.keep_with_previous,
        )
        Choice.objects.bulk_create(
            Choice(question=new, text=c.text, correct=c.correct, order=c.order)
            for c in question.choices.all()
        )
        AcceptedAnswer.objects.bulk_create(
            AcceptedAnswer(question=new, text=a.text)
            for a in question.accepted_answers.all()
        )
    log(copy, "wagtail.copy", user=by, data={"source": {"id": assessment.pk}})
    return copy


@transaction.atomic
def assessment_delete(*, assessment: Assessment, by) -> None:
    """Delete an assessment nobody has worked on yet.

    Raises AuthoringNotAllowedError, and AssessmentHasWorkError when it has
    attempts or submissions (deleting would lose trainees' scores).
    """
    _require_author(by, assessment.cohort)
    if assessment.attempts.exists() or assessment.submissions.exists():
        raise AssessmentHasWorkError(
            _(
                "Trainees have already worked on “%(title)s”, so it cannot be "
                "deleted. Unpublish it instead."
            )
            % {"title": assessment.title}
        )
    log(assessment, "wagtail.delete", user=by)
    assessment.delete()


# ---- question import (Aiken) ----

MAX_IMPORT_BYTES = 512 * 1024


@dataclass
class QuestionImportResult:
    questions: list[AikenQuestion] = field(default_factory=list)
    errors: list[AikenError] = field(default_factory=list)
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


def questions_import(
    *, assessment: Assessment, text: str, by, dry_run: bool = True
) -> QuestionImportResult:
    """Add single-choice questions written in the Aiken format to a quiz.

    Parses and checks every question first (line-numbered errors); writes only
    when not a dry run and nothing is wrong, all in one transaction, after the
    quiz's existing questions. Raises AuthoringNotAllowedError, QuestionsFrozenError
    for a quiz with attempts, and AssessmentError for an assignment. Not
    idempotent: importing twice adds the questions twice.
    """
    _require_author(by, assessment.cohort)
    if not assessment.is_quiz:
        raise AssessmentError(_("Questions can only be added to a quiz."))
    _require_not_frozen(assessment)
    result = QuestionImportResult()
    if len(text.encode("utf-8")) > MAX_IMPORT_BYTES:
        result.errors.append(AikenError(1, _("The text is larger than 512 KB.")))
        return result
    result.questions, result.errors = parse_aiken(text)
    for question in result.questions:
        flags = [i == question.answer for i in range(len(question.choices))]
        result.errors += [
            AikenError(question.line, problem)
            for problem in choice_errors(Question.Kind.SINGLE, flags)
        ]
    if dry_run or not result.ok:
        return result
    with transaction.atomic():
        # Lock the quiz so that a trainee cannot start it halfway through.
        Assessment.objects.select_for_update().filter(pk=assessment.pk).first()
        _require_not_frozen(assessment)
        last = assessment.questions.aggregate(m=Max("order"))["m"]
        start = 0 if last is None else last + 1
        for offset, parsed in enumerate(result.questions):
            question = Question(
                assessment=assessment,
                kind=Question.Kind.SINGLE,
                text=parsed.text,
                order=start + offset,
            )
            question.full_clean(exclude=["assessment"])
            question.save()
            Choice.objects.bulk_create(
                Choice(
                    question=question, text=text, correct=i == parsed.answer, order=i
                )
                for i, text in enumerate(parsed.choices)
            )
        log(assessment, "wagtail.edit", user=by)
    result.written = True
    return result
