"""Grading one submission after another: previous/next, save and grade next,
"Nothing left to grade"; a co-organizer never reaches another office's nominee."""

import pytest
from django.urls import reverse

from cohorts.models import Cohort, QuizAttempt
from tests.cohorts.factories import (
    AdmittedEnrolmentFactory,
    AssessmentFactory,
    AssignmentSubmissionFactory,
    CohortFactory,
    CohortOfficeFactory,
    OfficeFactory,
    QuizFactory,
    coordinator_of,
    question_with_choices,
)
from tests.cohorts.test_grading import submitted_attempt

pytestmark = pytest.mark.django_db


@pytest.fixture
def q():
    """An assignment with four submissions: Abay and Dana (partner office), Bolat
    and Chen (another office); Bolat's is graded."""
    lead, partner, other = OfficeFactory(), OfficeFactory(), OfficeFactory()
    cohort = CohortFactory(lead_office=lead, status=Cohort.Status.RUNNING)
    CohortOfficeFactory(cohort=cohort, office=partner)
    CohortOfficeFactory(cohort=cohort, office=other)
    memo = AssessmentFactory(cohort=cohort, title="Opposition memo", max_score=20)
    subs = {}
    for name, office, score in (
        ("Abay", partner, None),
        ("Bolat", other, 15),
        ("Chen", other, None),
        ("Dana", partner, None),
    ):
        enrolment = AdmittedEnrolmentFactory(
            cohort=cohort, office=office, user__first_name="T", user__last_name=name
        )
        subs[name] = AssignmentSubmissionFactory(
            assessment=memo, enrolment=enrolment, score=score
        )
    return {
        "cohort": cohort,
        "memo": memo,
        "subs": subs,
        "lead": coordinator_of(lead),
        "partner": coordinator_of(partner),
    }


def grade_url(q, name):
    return reverse(
        "cohorts:submission_grade", args=[q["cohort"].slug, q["subs"][name].pk]
    )


def test_lead_moves_through_every_submission_in_name_order(client, q):
    client.force_login(q["lead"])
    page = client.get(grade_url(q, "Bolat"))
    html = page.content.decode()
    assert page.context["queue"]["number"] == 2 and "2 of 4" in html
    assert f'href="{grade_url(q, "Abay")}" rel="prev"' in html
    assert f'href="{grade_url(q, "Chen")}" rel="next"' in html
    last = client.get(grade_url(q, "Dana")).content.decode()
    assert "4 of 4" in last and 'rel="next"' not in last


def test_save_and_grade_next_skips_graded_work_and_ends_nothing_left(client, q):
    client.force_login(q["lead"])
    response = client.post(
        grade_url(q, "Abay"), {"score": "12", "feedback": "", "save_next": "1"}
    )
    # Bolat is graded already: on to Chen.
    assert client.get(response.url).url == grade_url(q, "Chen")
    response = client.post(
        grade_url(q, "Chen"), {"score": "18", "feedback": "", "save_next": "1"}
    )
    response = client.get(response.url)
    assert response.url == grade_url(q, "Dana")
    done = client.post(
        grade_url(q, "Dana"),
        {"score": "9", "feedback": "", "save_next": "1"},
        follow=True,
    )
    html = done.content.decode()
    assert "Nothing left to grade" in html
    assert "All 4 submissions" in html
    hub = reverse("cohort_admin:hub", args=[q["cohort"].pk])
    assert f'href="{hub}"' in html
    q["subs"]["Dana"].refresh_from_db()
    assert q["subs"]["Dana"].score == 9


def test_grading_list_starts_the_queue_at_the_first_ungraded(client, q):
    client.force_login(q["lead"])
    grading = reverse(
        "cohorts:assessment_grading", args=[q["cohort"].slug, q["memo"].pk]
    )
    html = client.get(grading).content.decode()
    start = reverse("cohorts:grading_next", args=[q["cohort"].slug, q["memo"].pk])
    assert f'href="{start}"' in html and "Grade the 3 ungraded" in html
    assert client.get(start).url == grade_url(q, "Abay")


def test_co_organizer_queue_holds_only_its_own_nominees(client, q):
    client.force_login(q["partner"])
    grading = client.get(
        reverse("cohorts:assessment_grading", args=[q["cohort"].slug, q["memo"].pk])
    ).content.decode()
    assert "Abay" in grading and "Dana" in grading
    assert "Bolat" not in grading and "Chen" not in grading

    page = client.get(grade_url(q, "Abay")).content.decode()
    assert "1 of 2" in page and f'href="{grade_url(q, "Dana")}" rel="next"' in page
    for name in ("Bolat", "Chen"):
        assert client.get(grade_url(q, name)).status_code == 404
        response = client.post(grade_url(q, name), {"score": "1", "feedback": ""})
        assert response.status_code == 404
    q["subs"]["Chen"].refresh_from_db()
    assert q["subs"]["Chen"].score is None

    # The hub counts what waits for this office: Abay and Dana, not Chen.
    hub = client.get(reverse("cohort_admin:hub", args=[q["cohort"].pk]))
    assert "2 submissions to grade." in hub.content.decode()
    client.force_login(q["lead"])
    hub = client.get(reverse("cohort_admin:hub", args=[q["cohort"].pk]))
    assert "3 submissions to grade." in hub.content.decode()
    client.force_login(q["partner"])

    # Saving the last own nominee ends the queue though Chen is still ungraded.
    client.post(grade_url(q, "Abay"), {"score": "10", "feedback": ""})
    response = client.post(
        grade_url(q, "Dana"),
        {"score": "11", "feedback": "", "save_next": "1"},
        follow=True,
    )
    html = response.content.decode()
    assert "Nothing left to grade" in html and "All 2 submissions" in html
    assert "Chen" not in html


@pytest.fixture
def quiz(q):
    quiz = QuizFactory(cohort=q["cohort"], max_score=10, title="Madrid Protocol")
    question_with_choices(quiz, "single", [("Yes", True), ("No", False)])
    own = q["subs"]["Abay"].enrolment
    theirs = q["subs"]["Chen"].enrolment
    return {
        "quiz": quiz,
        "own": submitted_attempt(quiz, own),
        "theirs": submitted_attempt(quiz, theirs, correct=True),
    }


def score_url(q, attempt):
    return reverse("cohorts:attempt_score", args=[q["cohort"].slug, attempt.pk])


def test_staff_change_a_quiz_score_with_a_reason_the_trainee_then_sees(client, q, quiz):
    client.force_login(q["lead"])
    grading = reverse(
        "cohorts:assessment_grading", args=[q["cohort"].slug, quiz["quiz"].pk]
    )
    assert f'href="{score_url(q, quiz["own"])}"' in client.get(grading).content.decode()
    refused = client.post(score_url(q, quiz["own"]), {"score": "6", "reason": ""})
    assert refused.status_code == 400
    assert "This field is required." in refused.content.decode()
    assert QuizAttempt.objects.get(pk=quiz["own"].pk).score == 0

    response = client.post(
        score_url(q, quiz["own"]),
        {"score": "6", "reason": "The Kazakh wording of question 1 was wrong."},
    )
    assert response.url == grading
    listing = client.get(grading).content.decode()
    assert "Changed by staff" in listing
    assert "The Kazakh wording of question 1 was wrong." in listing
    page = client.get(score_url(q, quiz["own"])).content.decode()
    assert "Quiz score overridden" in page  # the history's source
    assert "The Kazakh wording of question 1 was wrong." in page

    client.force_login(quiz["own"].enrolment.user)
    result = client.get(
        reverse("cohorts:quiz_attempt", args=[q["cohort"].slug, quiz["own"].pk])
    ).content.decode()
    assert "6 / 10" in result and "automatic score (0)" in result
    assert "The Kazakh wording of question 1 was wrong." in result


def test_co_organizer_cannot_open_another_offices_attempt(client, q, quiz):
    client.force_login(q["partner"])
    grading = client.get(
        reverse("cohorts:assessment_grading", args=[q["cohort"].slug, quiz["quiz"].pk])
    ).content.decode()
    assert "Abay" in grading and "Chen" not in grading
    url = score_url(q, quiz["theirs"])
    assert client.get(url).status_code == 404
    assert client.post(url, {"score": "0", "reason": "No."}).status_code == 404
    assert QuizAttempt.objects.get(pk=quiz["theirs"].pk).score == 10


def test_completed_cohort_refuses_the_override_on_the_page(client, q, quiz):
    Cohort.objects.filter(pk=q["cohort"].pk).update(status=Cohort.Status.COMPLETED)
    client.force_login(q["lead"])
    response = client.post(score_url(q, quiz["own"]), {"score": "6", "reason": "Late."})
    assert response.status_code == 400 and "is completed" in response.content.decode()
    assert QuizAttempt.objects.get(pk=quiz["own"].pk).score == 0
