"""Surveys: when a survey's phase is open, who still has to answer, who may
write surveys, and the results, hidden until the survey closes with at least
5 responses (per phase)."""

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from cohorts.models import Enrolment, Survey, SurveyReceipt, SurveyResponse
from cohorts.selectors.scoping import cohort_list_for_coordinator

MIN_RESPONSES = 5
Phase = SurveyResponse.Phase


def survey_phase_open(survey: Survey, *, today=None) -> str | None:
    """The phase taking answers on `today` (a knowledge test: before, then
    after the cohort), or None when the survey is not open."""
    today = today or timezone.localdate()
    if not survey.opens_on <= today <= survey.closes_on:
        return None
    if not survey.is_knowledge_test:
        return Phase.ONLY
    return Phase.PRE if today < survey.post_opens_on else Phase.POST


def survey_phases(survey: Survey) -> list[str]:
    return [Phase.PRE, Phase.POST] if survey.is_knowledge_test else [Phase.ONLY]


def survey_is_closed(survey: Survey, *, today=None) -> bool:
    return (today or timezone.localdate()) > survey.closes_on


def survey_results_shown(survey: Survey, counts: dict, *, today=None) -> bool:
    """The one rule: results show once the survey has closed and each of its
    phases has at least 5 responses. `counts`: {phase: responses}."""
    return survey_is_closed(survey, today=today) and all(
        counts.get(phase, 0) >= MIN_RESPONSES for phase in survey_phases(survey)
    )


@dataclass(frozen=True)
class SurveyDue:
    survey: Survey
    phase: str
    enrolment: Enrolment


def survey_list_due(
    *, user=None, cohort=None, survey_ids=None, today=None
) -> list[SurveyDue]:
    """Open survey phases an admitted trainee has not answered yet: the
    user's (My learning, the cohort page), or everyone's (reminders). Three
    queries."""
    today = today or timezone.localdate()
    surveys = Survey.objects.filter(
        opens_on__lte=today, closes_on__gte=today
    ).select_related("cohort")
    if cohort is not None:
        surveys = surveys.filter(cohort=cohort)
    if survey_ids is not None:
        surveys = surveys.filter(pk__in=survey_ids)
    enrolments = Enrolment.objects.filter(
        status=Enrolment.Status.ADMITTED, cohort__surveys__in=surveys
    ).select_related("user", "cohort", "office", "cohort__lead_office")
    if user is not None:
        surveys = surveys.filter(cohort__enrolments__in=enrolments.filter(user=user))
        enrolments = enrolments.filter(user=user)
    by_cohort: dict[int, list[Enrolment]] = {}
    for enrolment in enrolments.distinct():
        by_cohort.setdefault(enrolment.cohort_id, []).append(enrolment)
    answered = set(
        SurveyReceipt.objects.filter(
            enrolment__in=[e for es in by_cohort.values() for e in es]
        ).values_list("survey_id", "enrolment_id", "phase")
    )
    due = []
    for survey in surveys.distinct():
        phase = survey_phase_open(survey, today=today)
        for enrolment in by_cohort.get(survey.cohort_id, []):
            if (survey.pk, enrolment.pk, phase) not in answered:
                due.append(SurveyDue(survey, phase, enrolment))
    return due


def survey_get_due(*, user, survey_pk: int, today=None) -> SurveyDue | None:
    """The user's open, unanswered phase of that survey, or None."""
    found = survey_list_due(user=user, survey_ids=[survey_pk], today=today)
    return found[0] if found else None


def survey_list_for_coordinator(user) -> QuerySet[Survey]:
    """Surveys of the cohorts one of the user's offices leads or co-organizes
    (superusers: all): they read and write them."""
    return Survey.objects.filter(
        cohort__in=cohort_list_for_coordinator(user).values("pk")
    ).select_related("cohort")


def survey_expected_closes_on(cohort, days: int = 30) -> datetime.date:
    """A reaction survey's default closing day: 30 days after the cohort."""
    return cohort.end_date + datetime.timedelta(days=days)


@dataclass(frozen=True)
class SurveyComments:
    question: str
    answers: list[str]


def survey_comments(survey: Survey, *, today=None) -> list[SurveyComments] | None:
    """The free-text answers of each free-text question, for the survey's
    coordinators, under the same rule as every result (`survey_results_shown`);
    None while they are hidden. Ordered by text, never by who or when."""
    from cohorts.models import SurveyAnswer, SurveyQuestion

    counts = {
        phase: SurveyResponse.objects.filter(survey=survey, phase=phase).count()
        for phase in survey_phases(survey)
    }
    if not survey_results_shown(survey, counts, today=today):
        return None
    questions = survey.questions.filter(kind=SurveyQuestion.Kind.TEXT)
    answers = (
        SurveyAnswer.objects.filter(question__in=questions)
        .exclude(text="")
        .order_by("text")
        .values_list("question_id", "text")
    )
    by_question: dict[int, list[str]] = {}
    for question_id, text in answers:
        by_question.setdefault(question_id, []).append(text)
    return [
        SurveyComments(question=q.text, answers=by_question.get(q.pk, []))
        for q in questions
    ]
