"""The end-of-cohort evaluation: admitted trainees answer once, anonymously;
results stay hidden until it closes with at least 5 responses."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from cohorts.models import EvaluationReceipt, EvaluationResponse
from cohorts.selectors.reports import HIDDEN, ReportFilters, programme_report
from tests.accounts.factories import UserFactory
from tests.cohorts.factories import (
    AdmittedEnrolmentFactory,
    CohortFactory,
    EnrolmentFactory,
    coordinator_of,
)

pytestmark = pytest.mark.django_db

ANSWER = {"overall": "5", "relevance": "4", "delivery": "3", "comment": "Useful."}


def _ended(days_ago):
    end = timezone.localdate() - datetime.timedelta(days=days_ago)
    return CohortFactory(
        title=f"Ended {days_ago} days ago",
        start_date=end - datetime.timedelta(days=10),
        end_date=end,
    )


def _url(cohort):
    return reverse("cohorts:evaluation", args=[cohort.slug])


def test_trainee_answers_once_and_anonymously(client):
    enrolment = AdmittedEnrolmentFactory(cohort=_ended(2))
    client.force_login(enrolment.user)
    learning = client.get("/learning/").content.decode()
    assert _url(enrolment.cohort) in learning
    response = client.post(_url(enrolment.cohort), ANSWER, follow=True)
    assert "your answer was recorded anonymously" in response.content.decode()
    saved = EvaluationResponse.objects.get()
    assert (saved.overall, saved.relevance, saved.delivery) == (5, 4, 3)
    # Nothing on the answer leads to a person.
    assert {f.name for f in EvaluationResponse._meta.get_fields()} == {
        "id", "cohort", "overall", "relevance", "delivery", "comment",
    }  # fmt: skip
    assert EvaluationReceipt.objects.filter(enrolment=enrolment).exists()
    assert _url(enrolment.cohort) not in client.get("/learning/").content.decode()
    again = client.post(_url(enrolment.cohort), ANSWER, follow=True)
    assert again.redirect_chain[-1][0] == reverse("learning:home")
    assert "already answered" in again.content.decode()
    assert EvaluationResponse.objects.count() == 1


def test_missing_rating_is_a_clear_error(client):
    enrolment = AdmittedEnrolmentFactory(cohort=_ended(2))
    client.force_login(enrolment.user)
    response = client.post(_url(enrolment.cohort), {"overall": "5"})
    assert response.status_code == 400
    assert "Please answer each question marked below." in response.content.decode()
    assert not EvaluationResponse.objects.exists()


def test_only_admitted_trainees_may_answer(client):
    cohort = _ended(2)
    applicant = EnrolmentFactory(cohort=cohort).user
    for user in (applicant, UserFactory(groups=[roles.TRAINEES])):
        client.force_login(user)
        assert client.post(_url(cohort), ANSWER).status_code == 404
    assert not EvaluationResponse.objects.exists()


@pytest.mark.parametrize("cohort_kind", ["running", "closed"])
def test_evaluation_outside_its_window_is_refused(client, cohort_kind):
    if cohort_kind == "running":
        cohort = CohortFactory(start_date=timezone.localdate())
    else:
        cohort = _ended(31)
    enrolment = AdmittedEnrolmentFactory(cohort=cohort)
    client.force_login(enrolment.user)
    response = client.post(_url(cohort), ANSWER, follow=True)
    assert response.redirect_chain[-1][0] == reverse("learning:home")
    assert "This evaluation is not open." in response.content.decode()
    assert not EvaluationResponse.objects.exists()


def _answers(cohort, n, rating=4):
    EvaluationResponse.objects.bulk_create(
        EvaluationResponse(cohort=cohort, overall=rating, relevance=3, delivery=5)
        for _ in range(n)
    )


def test_results_hidden_until_closed_with_five_responses(client):
    few, still_open, closed = _ended(40), _ended(5), _ended(45)
    for cohort in (few, still_open, closed):
        AdmittedEnrolmentFactory(cohort=cohort)
    _answers(few, 4)
    _answers(still_open, 6)
    _answers(closed, 5, rating=5)
    _answers(closed, 1, rating=2)
    admin = UserFactory(groups=[roles.PLATFORM_ADMINS])
    table = programme_report(admin, ReportFilters()).extra["evaluation"]
    rows = dict(table.rows)
    assert rows[few.title] == [HIDDEN, HIDDEN, HIDDEN, HIDDEN]
    assert rows[still_open.title] == [6, None, None, None]  # not closed yet
    assert [str(v) for v in rows[closed.title][1:]] == ["4.5", "3.0", "5.0"]
    # The total counts responses; the first smallest shown count (the closed
    # cohort's 6) hides too, so 16 minus the shown cells never gives the 4.
    assert rows[closed.title][0] == HIDDEN
    assert table.total[0] == 16
    client.force_login(admin)
    data = client.get(reverse("cohort_reports_export", args=["json"])).json()
    row = next(r for r in data["evaluation"]["rows"] if r["label"] == few.title)
    assert row == {"label": few.title, "responses": HIDDEN, "overall": HIDDEN,
                   "relevance": HIDDEN, "delivery": HIDDEN}  # fmt: skip


def test_coordinator_sees_evaluation_of_their_office_cohorts_only(client):
    mine, other = _ended(45), _ended(50)
    _answers(mine, 5)
    _answers(other, 5)
    client.force_login(coordinator_of(mine.lead_office))
    html = client.get(reverse("cohort_reports")).content.decode()
    assert "End-of-cohort evaluation" in html
    assert mine.title in html and other.title not in html
