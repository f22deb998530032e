"""Writing surveys, answering them and reminding who has not answered."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cohorts.exceptions import SurveyError
from cohorts.models import (
    Enrolment,
    Survey,
    SurveyAnswer,
    SurveyQuestion,
    SurveyReceipt,
    SurveyResponse,
)
from cohorts.selectors.scoping import cohort_list_for_coordinator
from cohorts.selectors.surveys import (
    survey_list_due,
    survey_list_for_coordinator,
    survey_phase_open,
)


def _question_key(question: SurveyQuestion) -> tuple:
    return (question.text, question.kind, question.options, question.correct_option)


@transaction.atomic
def survey_save(*, survey: Survey, by) -> Survey:
    """Save a survey with its questions (the cluster in memory). Raises
    SurveyError unless one of `by`'s offices takes part in the cohort (and, on
    an edit, in the survey's saved cohort), or when the questions change after
    the first answer: the tests before and after must ask the same."""
    cohorts = cohort_list_for_coordinator(by)
    if not cohorts.filter(pk=survey.cohort_id).exists():
        raise SurveyError(_("You may write surveys only for your office's cohorts."))
    if survey.pk:
        saved = survey_list_for_coordinator(by).filter(pk=survey.pk).first()
        if saved is None:
            raise SurveyError(
                _("You may write surveys only for your office's cohorts.")
            )
        if saved.responses.exists() and [
            _question_key(q) for q in saved.questions.all()
        ] != [_question_key(q) for q in survey.questions.all()]:
            raise SurveyError(
                _(
                    "Trainees have already answered this survey, so its questions "
                    "cannot change."
                )
            )
    survey.full_clean()
    for question in survey.questions.all():
        question.full_clean(exclude=["survey"])
    survey.save()
    return survey


def _answer(question: SurveyQuestion, value) -> SurveyAnswer:
    """The answer to `question` from a form's cleaned value."""
    answer = SurveyAnswer(question=question)
    if question.kind == SurveyQuestion.Kind.RATING:
        answer.rating = int(value)
    elif question.kind == SurveyQuestion.Kind.CHOICE:
        answer.option = int(value)
        if not 1 <= answer.option <= len(question.option_list):
            raise SurveyError(_("Choose one of the options."))
    else:
        answer.text = (value or "").strip()
    return answer


@transaction.atomic
def survey_submit(*, user, survey: Survey, answers: dict, today=None) -> SurveyResponse:
    """Record the user's answers to the survey's open phase: a receipt (one
    per trainee and phase) and a response that, when the survey is anonymous,
    names nobody and has no date. `answers`: {question id: value}. Raises
    SurveyError when the user is not an admitted trainee of the cohort, the
    survey is not open, a required answer is missing, or they answered this
    phase already (not idempotent by design: a second answer is refused)."""
    today = today or timezone.localdate()
    enrolment = (
        Enrolment.objects.select_for_update()
        .filter(user=user, cohort_id=survey.cohort_id, status=Enrolment.Status.ADMITTED)
        .first()
    )
    if enrolment is None:
        raise SurveyError(_("Only the cohort's trainees answer its surveys."))
    phase = survey_phase_open(survey, today=today)
    if phase is None:
        raise SurveyError(_("This survey is not open."))
    try:
        with transaction.atomic():
            SurveyReceipt.objects.create(
                survey=survey, enrolment=enrolment, phase=phase
            )
    except IntegrityError:
        raise SurveyError(
            _("You have already answered this survey. Thank you.")
        ) from None
    questions = list(survey.questions.all())
    built = []
    for question in questions:
        value = answers.get(question.pk)
        if value in (None, "") and question.kind != SurveyQuestion.Kind.TEXT:
            raise SurveyError(_("Please answer each question."))
        built.append(_answer(question, value))
    correct = None
    if survey.is_knowledge_test:
        correct = sum(
            1
            for q, a in zip(questions, built, strict=True)
            if q.correct_option and a.option == q.correct_option
        )
    response = SurveyResponse(
        survey=survey,
        phase=phase,
        user=None if survey.anonymous else user,
        submitted_on=None if survey.anonymous else today,
        correct=correct,
    )
    response.full_clean()
    response.save()
    for answer in built:
        answer.response = response
        answer.full_clean()
    SurveyAnswer.objects.bulk_create(built)
    return response


def survey_reminders_send(*, today=None) -> int:
    """Email each admitted trainee who has not answered an open survey phase,
    through the application emails. One reminder per survey, phase and
    trainee, ever: the email key makes re-runs send nothing more. Returns the
    number of reminders looked at (re-sends are no-ops)."""
    from cohorts.services.notifications import notify_survey_reminder

    due = survey_list_due(today=today)
    for item in due:
        notify_survey_reminder(item.enrolment, survey=item.survey, phase=item.phase)
    return len(due)
