"""Surveys: admitted trainees answer each open phase once, anonymously where
set; results stay hidden until the survey closes with at least 5 responses;
per-question distributions and the learning gain go through the small-cell
rule; reminders go only to trainees who have not answered."""

import csv
import datetime
import io
import json

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from accounts import roles
from cohorts.models import SurveyQuestion, SurveyReceipt, SurveyResponse
from cohorts.selectors.reports import HIDDEN, ReportFilters, programme_report
from cohorts.services.surveys import survey_reminders_send, survey_submit
from cohorts.tasks import survey_reminders_send_task
from tests.accounts.factories import UserFactory
from tests.cohorts.factories import (
    AdmittedEnrolmentFactory,
    CohortFactory,
    CohortOfficeFactory,
    EnrolmentFactory,
    OfficeFactory,
    SurveyFactory,
    SurveyQuestionFactory,
    coordinator_of,
)

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
TODAY = timezone.localdate


def _reaction(**kwargs):
    survey = SurveyFactory(**kwargs)
    rating = SurveyQuestionFactory(survey=survey, text="How useful was it?")
    comment = SurveyQuestionFactory(
        survey=survey, text="Anything else?", kind=SurveyQuestion.Kind.TEXT
    )
    return survey, rating, comment


def _url(survey):
    return reverse("cohorts:survey", args=[survey.cohort.slug, survey.pk])


# ---- answering ----


def test_trainee_answers_once_and_anonymously(client):
    survey, rating, comment = _reaction()
    enrolment = AdmittedEnrolmentFactory(cohort=survey.cohort)
    client.force_login(enrolment.user)
    assert _url(survey) in client.get("/learning/").content.decode()
    page = client.get(_url(survey)).content.decode()
    assert f'<label for="id_q{comment.pk}"' in page  # every input is labelled
    assert "<legend" in page and "How useful was it?" in page
    data = {f"q{rating.pk}": "4", f"q{comment.pk}": "Very."}
    response = client.post(_url(survey), data, follow=True)
    assert "your answer was recorded anonymously" in response.content.decode()
    saved = SurveyResponse.objects.get()
    # Nothing on the answer leads to a person or a moment.
    assert (saved.user, saved.submitted_on) == (None, None)
    assert {(a.rating, a.text) for a in saved.answers.all()} == {
        (4, ""),
        (None, "Very."),
    }
    assert SurveyReceipt.objects.filter(enrolment=enrolment).exists()
    assert _url(survey) not in client.get("/learning/").content.decode()
    again = client.post(_url(survey), data, follow=True)
    assert again.redirect_chain[-1][0] == reverse("learning:home")
    assert "already answered" in again.content.decode()
    assert SurveyResponse.objects.count() == 1


def test_named_survey_keeps_the_trainee_and_the_day():
    survey, rating, _comment = _reaction(anonymous=False)
    enrolment = AdmittedEnrolmentFactory(cohort=survey.cohort)
    saved = survey_submit(user=enrolment.user, survey=survey, answers={rating.pk: 5})
    assert (saved.user, saved.submitted_on) == (enrolment.user, TODAY())


def test_missing_rating_is_a_clear_error(client):
    survey, _rating, comment = _reaction()
    enrolment = AdmittedEnrolmentFactory(cohort=survey.cohort)
    client.force_login(enrolment.user)
    response = client.post(_url(survey), {f"q{comment.pk}": "Hi"})
    assert response.status_code == 400
    assert "Please answer each question marked below." in response.content.decode()
    assert not SurveyResponse.objects.exists()


def test_only_admitted_trainees_may_answer(client):
    survey, rating, _comment = _reaction()
    applicant = EnrolmentFactory(cohort=survey.cohort).user
    for user in (applicant, UserFactory(groups=[roles.TRAINEES])):
        client.force_login(user)
        assert client.post(_url(survey), {f"q{rating.pk}": "3"}).status_code == 404
    assert not SurveyResponse.objects.exists()


@pytest.mark.parametrize("when", ["not yet", "closed"])
def test_survey_outside_its_window_is_refused(client, when):
    opens_on = TODAY() + DAY if when == "not yet" else TODAY() - 40 * DAY
    survey, rating, _comment = _reaction(opens_on=opens_on)
    enrolment = AdmittedEnrolmentFactory(cohort=survey.cohort)
    client.force_login(enrolment.user)
    response = client.post(_url(survey), {f"q{rating.pk}": "3"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("learning:home")
    assert "This survey is not open." in response.content.decode()
    assert not SurveyResponse.objects.exists()


def _knowledge(cohort, *, closed=True):
    """A knowledge test with two scored questions (correct: option 1)."""
    closes_on = TODAY() - DAY if closed else TODAY() + 10 * DAY
    survey = SurveyFactory(
        cohort=cohort,
        kind="knowledge",
        opens_on=closes_on - 40 * DAY,
        post_opens_on=closes_on - 10 * DAY,
        closes_on=closes_on,
    )
    questions = [
        SurveyQuestionFactory(
            survey=survey, kind="choice", options="Right\nWrong", correct_option=1
        )
        for _ in range(2)
    ]
    return survey, questions


def _take(survey, questions, enrolments, correct_counts, phase):
    day = survey.opens_on if phase == "pre" else survey.post_opens_on
    for enrolment, correct in zip(enrolments, correct_counts, strict=True):
        answers = {q.pk: 1 if i < correct else 2 for i, q in enumerate(questions)}
        survey_submit(user=enrolment.user, survey=survey, answers=answers, today=day)


def test_knowledge_test_before_and_after_is_one_answer_per_phase():
    survey, questions = _knowledge(CohortFactory(), closed=False)
    enrolment = AdmittedEnrolmentFactory(cohort=survey.cohort)
    _take(survey, questions, [enrolment], [1], "pre")
    _take(survey, questions, [enrolment], [2], "post")
    assert sorted(SurveyResponse.objects.values_list("phase", "correct")) == [
        ("post", 2), ("pre", 1),
    ]  # fmt: skip
    with pytest.raises(Exception, match="already answered"):
        _take(survey, questions, [enrolment], [2], "post")


def test_test_before_the_cohort_is_linked_from_the_cohort_page(client):
    survey = SurveyFactory(
        kind="knowledge", title="Test before", post_opens_on=TODAY() + 5 * DAY
    )
    SurveyQuestionFactory(survey=survey, kind="choice", options="A\nB")
    enrolment = AdmittedEnrolmentFactory(cohort=survey.cohort)
    detail = reverse("cohorts:detail", args=[survey.cohort.slug])
    client.force_login(enrolment.user)
    assert _url(survey) in client.get(detail).content.decode()
    client.force_login(EnrolmentFactory(cohort=survey.cohort).user)  # not admitted
    assert _url(survey) not in client.get(detail).content.decode()


# ---- results ----


def _admin():
    return UserFactory(groups=[roles.PLATFORM_ADMINS])


def _bulk_answers(survey, question, ratings):
    for rating in ratings:
        response = SurveyResponse.objects.create(survey=survey)
        response.answers.create(question=question, rating=rating)


def test_results_hidden_until_closed_with_five_responses(client):
    closed = TODAY() - 10 * DAY
    few, _q1, _c = _reaction(opens_on=closed - 30 * DAY, closes_on=closed)
    still_open, q2, _c = _reaction()
    done, q3, _c = _reaction(opens_on=closed - 30 * DAY, closes_on=closed)
    _bulk_answers(few, _q1, [5, 5, 5, 5])
    _bulk_answers(still_open, q2, [5] * 6)
    _bulk_answers(done, q3, [5, 5, 5, 5, 5, 2])
    table = programme_report(_admin(), ReportFilters()).extra["surveys"]
    rows = {label.split(" · ")[1]: cells for label, cells in table.rows}
    assert rows[few.title] == [HIDDEN, HIDDEN, HIDDEN]
    assert rows[still_open.title][1:] == [None, None]  # not closed yet
    assert str(rows[done.title][1]) == "4.5"
    # Only the closed survey with enough answers has a distribution.
    answers = programme_report(_admin(), ReportFilters()).extra["survey_answers"]
    assert [label.rsplit(": ", 1)[1] for label, _c in answers.rows] == [
        "1", "2", "3", "4", "5",
    ]  # fmt: skip
    assert all(done.title in label for label, _c in answers.rows)
    # 1 and 2 are small; the total (6) minus the shown 5 would reveal the
    # "1" of rating 2, so the smallest shown count hides too.
    assert [c for _l, (c,) in answers.rows] == [0, HIDDEN, 0, 0, HIDDEN]


def test_learning_gain_equals_hand_computed_figures():
    office_a, office_b = OfficeFactory(name="Office A"), OfficeFactory(name="Office B")
    first = CohortFactory(title="First", lead_office=office_a)
    CohortOfficeFactory(cohort=first, office=office_b)
    second = CohortFactory(title="Second", lead_office=office_a)
    survey1, questions1 = _knowledge(first)
    survey2, questions2 = _knowledge(second)
    people1 = AdmittedEnrolmentFactory.create_batch(6, cohort=first)
    people2 = AdmittedEnrolmentFactory.create_batch(5, cohort=second)
    # First: before 0,50,50,100,0 % → 40.0; after 100,100,50,100,100,50 → 83.3.
    _take(survey1, questions1, people1[:5], [0, 1, 1, 2, 0], "pre")
    _take(survey1, questions1, people1, [2, 2, 1, 2, 2, 1], "post")
    # Second: before all 0 %, after all 100 %.
    _take(survey2, questions2, people2, [0] * 5, "pre")
    _take(survey2, questions2, people2, [2] * 5, "post")
    report = programme_report(_admin(), ReportFilters())
    gain = {label.split(" · ")[0]: [str(c) for c in cells]
            for label, cells in report.extra["learning_gain"].rows}  # fmt: skip
    assert gain["First"] == ["5", "6", "40.0", "83.3", "43.3"]
    assert gain["Second"] == ["5", "5", "0.0", "100.0", "100.0"]
    # Pooled: before (200 + 0) / 10 = 20.0; after (500 + 500) / 11 = 90.9.
    assert [str(c) for c in report.extra["learning_gain"].total] == [
        "10", "11", "20.0", "90.9", "70.9",
    ]  # fmt: skip
    by_office = {label: [str(c) for c in cells]
                 for label, cells in report.extra["learning_gain_by_office"].rows}  # fmt: skip
    assert by_office["Office A"] == ["10", "11", "20.0", "90.9", "70.9"]
    assert by_office["Office B"] == ["5", "6", "40.0", "83.3", "43.3"]


def test_no_export_or_page_links_a_response_to_a_person(client):
    closed = TODAY() - 10 * DAY
    survey, rating, comment = _reaction(
        opens_on=closed - 30 * DAY, closes_on=closed, title="Reaction"
    )
    people = AdmittedEnrolmentFactory.create_batch(5, cohort=survey.cohort)
    for i, enrolment in enumerate(people):
        survey_submit(
            user=enrolment.user,
            survey=survey,
            answers={rating.pk: 1 + i, comment.pk: f"Comment {i}"},
            today=survey.opens_on,
        )
    client.force_login(UserFactory(is_superuser=True))
    outputs = [
        client.get(reverse("cohort_reports")).content.decode(),
        client.get(reverse("cohort_reports_export", args=["csv"])).content.decode(),
        json.dumps(client.get(reverse("cohort_reports_export", args=["json"])).json()),
        client.get(reverse("survey_admin:inspect", args=[survey.pk])).content.decode(),
    ]
    book = load_workbook(
        io.BytesIO(client.get(reverse("cohort_reports_export", args=["xlsx"])).content)
    )
    outputs.append(
        " ".join(
            str(c) for ws in book for r in ws.iter_rows(values_only=True) for c in r
        )
    )
    assert "Reaction" in outputs[1]  # the survey is there, its people are not
    rows = list(csv.reader(io.StringIO(outputs[1])))
    assert any("How useful was it?: 1" in " ".join(r) for r in rows)
    for text in outputs:
        for enrolment in people:
            user = enrolment.user
            for detail in (user.email, user.get_full_name()):
                assert not detail or detail not in text
    for text in outputs[:3] + outputs[4:]:
        assert "Comment 0" not in text  # free text is not in the figures
    # The survey's page shows the comments, sorted by text, with no one's name.
    inspect = outputs[3]
    assert inspect.index("Comment 0") < inspect.index("Comment 4")


def test_free_text_answers_stay_hidden_until_the_survey_closes_with_five(client):
    survey, rating, comment = _reaction(
        opens_on=TODAY() - 5 * DAY, closes_on=TODAY() + DAY
    )
    people = AdmittedEnrolmentFactory.create_batch(5, cohort=survey.cohort)
    for i, enrolment in enumerate(people):
        survey_submit(
            user=enrolment.user,
            survey=survey,
            answers={rating.pk: 3, comment.pk: f"Comment {i}"},
            today=TODAY(),
        )
    client.force_login(UserFactory(is_superuser=True))
    url = reverse("survey_admin:inspect", args=[survey.pk])
    html = client.get(url).content.decode()
    assert "Comment 0" not in html
    assert "once the survey has closed with at least 5 responses" in html
    survey.closes_on = TODAY() - DAY
    survey.save()
    assert "Comment 0" in client.get(url).content.decode()


# ---- reminders ----


def test_reminders_go_once_and_only_to_admitted_non_respondents(
    django_capture_on_commit_callbacks,
):
    survey, rating, _comment = _reaction()
    answered, waiting = AdmittedEnrolmentFactory.create_batch(2, cohort=survey.cohort)
    applicant = EnrolmentFactory(cohort=survey.cohort)
    other_cohort = AdmittedEnrolmentFactory()
    closed, _q, _c = _reaction(opens_on=TODAY() - 40 * DAY)
    AdmittedEnrolmentFactory(cohort=closed.cohort)
    survey_submit(user=answered.user, survey=survey, answers={rating.pk: 5})
    with django_capture_on_commit_callbacks(execute=True):
        survey_reminders_send()
    assert [m.to for m in mail.outbox] == [[waiting.user.email]]
    assert survey.title in mail.outbox[0].subject
    assert _url(survey) in mail.outbox[0].body
    assert applicant.user.email not in str([m.to for m in mail.outbox])
    assert other_cohort.user.email not in str([m.to for m in mail.outbox])
    with django_capture_on_commit_callbacks(execute=True):
        survey_reminders_send_task()
    assert len(mail.outbox) == 1  # one reminder per survey and trainee


# ---- scope in the reports ----


def test_coordinator_sees_surveys_of_their_office_cohorts_only(client):
    mine, _q, _c = _reaction(title="Mine")
    other, _q, _c = _reaction(title="Theirs")
    client.force_login(coordinator_of(mine.cohort.lead_office))
    html = client.get(reverse("cohort_reports")).content.decode()
    assert "Surveys" in html
    assert "Mine" in html and "Theirs" not in html
