"""Surveys in the Wagtail admin: the coordinators of the offices taking part
in a cohort write its surveys, questions inline; another office's
coordinator neither sees nor edits them."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cohorts.exceptions import SurveyError
from cohorts.models import Survey, SurveyResponse
from cohorts.services.surveys import survey_save
from tests.cohorts.factories import (
    CohortFactory,
    CohortOfficeFactory,
    OfficeFactory,
    SurveyFactory,
    SurveyQuestionFactory,
    coordinator_of,
)

pytestmark = pytest.mark.django_db


def _form(cohort, **overrides):
    today = timezone.localdate()
    data = {
        "cohort": cohort.pk,
        "kind": "knowledge",
        "title": "PPH knowledge test",
        "anonymous": "on",
        "opens_on": str(today),
        "post_opens_on": str(today + datetime.timedelta(days=20)),
        "closes_on": str(today + datetime.timedelta(days=40)),
        "questions-TOTAL_FORMS": "1",
        "questions-INITIAL_FORMS": "0",
        "questions-MIN_NUM_FORMS": "1",
        "questions-MAX_NUM_FORMS": "1000",
        "questions-0-kind": "choice",
        "questions-0-text": "Which office's work does a PPH request rely on?",
        "questions-0-options": "The earlier office\nThe applicant",
        "questions-0-correct_option": "1",
        "questions-0-ORDER": "1",
        "questions-0-DELETE": "",
        "questions-0-id": "",
    }
    return {**data, **overrides}


def test_co_organizing_coordinator_writes_a_knowledge_test(client):
    cohort = CohortFactory()
    partner = OfficeFactory()
    CohortOfficeFactory(cohort=cohort, office=partner)
    client.force_login(coordinator_of(partner))
    response = client.post(reverse("survey_admin:add"), _form(cohort))
    assert response.status_code == 302
    survey = Survey.objects.get()
    assert survey.cohort == cohort
    assert [q.correct_option for q in survey.questions.all()] == [1]
    listing = client.get(reverse("survey_admin:index")).content.decode()
    assert "PPH knowledge test" in listing


def test_bad_survey_is_a_clear_form_error(client):
    cohort = CohortFactory()
    client.force_login(coordinator_of(cohort.lead_office))
    response = client.post(
        reverse("survey_admin:add"),
        _form(cohort, **{"questions-0-correct_option": "3", "post_opens_on": ""}),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "A knowledge test needs the day its test after the cohort opens." in page
    assert not Survey.objects.exists()


def test_coordinator_of_another_office_cannot_see_or_edit_a_survey(client):
    survey = SurveyFactory(title="Lead's own survey")
    SurveyQuestionFactory(survey=survey)
    outsider = coordinator_of(OfficeFactory())
    client.force_login(outsider)
    listing = client.get(reverse("survey_admin:index"))
    assert listing.status_code == 200
    assert "Lead's own survey" not in listing.content.decode()
    for view in ("edit", "inspect", "delete"):
        url = reverse(f"survey_admin:{view}", args=[survey.pk])
        assert client.get(url).status_code == 404, view
    response = client.post(
        reverse("survey_admin:edit", args=[survey.pk]),
        _form(survey.cohort, title="Taken over"),
    )
    assert response.status_code == 404
    # Nor can they put a survey on that cohort: it is not on their form.
    add = client.post(reverse("survey_admin:add"), _form(survey.cohort))
    assert add.status_code == 200
    assert "Select a valid choice" in add.content.decode()
    assert Survey.objects.get().title == "Lead's own survey"
    # The service refuses too, whoever calls it.
    with pytest.raises(SurveyError):
        survey_save(survey=Survey.objects.get(), by=outsider)


def test_questions_are_frozen_once_answered():
    survey = SurveyFactory()
    SurveyQuestionFactory(survey=survey, text="Before")
    SurveyResponse.objects.create(survey=survey)
    coordinator = coordinator_of(survey.cohort.lead_office)
    survey.title = "New title"
    assert survey_save(survey=survey, by=coordinator).title == "New title"
    question = survey.questions.all()[0]
    question.text = "Changed"
    survey.questions = [question]
    with pytest.raises(SurveyError, match="cannot change"):
        survey_save(survey=survey, by=coordinator)
