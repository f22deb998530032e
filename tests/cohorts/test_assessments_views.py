import datetime
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from cohorts.models import (
    AssignmentSubmission,
    AttendanceMark,
    Cohort,
    Enrolment,
    Question,
    QuizAttempt,
)
from tests.accounts.factories import UserFactory
from tests.cohorts.factories import (
    AdmittedEnrolmentFactory,
    AssessmentFactory,
    AssignmentSubmissionFactory,
    AttendanceMarkFactory,
    CohortFactory,
    CohortOfficeFactory,
    OfficeFactory,
    QuizFactory,
    SessionFactory,
    coordinator_of,
    question_with_choices,
)
from tests.cohorts.import_pages import page, preview_and_confirm
from tests.cohorts.test_assessments_assignments import pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort():
    return CohortFactory(status=Cohort.Status.RUNNING)


@pytest.fixture
def trainee(cohort):
    return AdmittedEnrolmentFactory(cohort=cohort, user__first_name="Aigerim")


def login(client, user):
    client.force_login(user)
    return client


def test_trainee_takes_a_quiz_and_sees_answers_only_after_due(client, cohort, trainee):
    quiz = QuizFactory(cohort=cohort, max_score=10, title="Paris Convention")
    q = question_with_choices(
        quiz,
        Question.Kind.SINGLE,
        [("12 months", True), ("6 months", False)],
        text="Priority period for patents?",
    )
    login(client, trainee.user)
    page = client.get(reverse("cohorts:assessment_detail", args=[cohort.slug, quiz.pk]))
    assert page.status_code == 200
    response = client.post(reverse("cohorts:quiz_start", args=[cohort.slug, quiz.pk]))
    attempt = QuizAttempt.objects.get()
    assert response.url == reverse(
        "cohorts:quiz_attempt", args=[cohort.slug, attempt.pk]
    )
    page = client.get(response.url)
    assert "Priority period for patents?" in page.content.decode()

    right = q.choices.get(correct=True)
    client.post(response.url, {f"q{q.pk}": right.pk})
    result = client.get(response.url).content.decode()
    attempt.refresh_from_db()
    assert attempt.score == Decimal("10.00")
    assert "10 / 10" in result
    assert "correct answers are shown after the due date" in result
    assert "badge--ok" not in result

    quiz.due_at = timezone.now() - datetime.timedelta(minutes=1)
    quiz.save()
    result = client.get(response.url).content.decode()
    assert "badge--ok" in result and "12 months" in result


def test_trainee_standing_lists_exactly_what_is_missing(client, cohort, trainee):
    cohort.min_attendance_percent = 80
    cohort.save()
    for status in [AttendanceMark.Status.PRESENT, AttendanceMark.Status.ABSENT]:
        AttendanceMarkFactory(
            session=SessionFactory(cohort=cohort), enrolment=trainee, status=status
        )
    AssessmentFactory(cohort=cohort, title="Assignment 2", weight=0)
    login(client, trainee.user)
    page = client.get(reverse("cohorts:assessment_list", args=[cohort.slug]))
    text = page.content.decode()
    assert "attendance 50% of 80% required" in text
    assert "Assignment 2 not submitted" in text


def test_pages_are_404_for_people_outside_the_cohort(client, cohort, trainee):
    quiz = QuizFactory(cohort=cohort)
    other = AdmittedEnrolmentFactory()  # another cohort
    applicant = AdmittedEnrolmentFactory(cohort=cohort, status=Enrolment.Status.APPLIED)
    attempt = QuizAttempt.objects.create(
        assessment=quiz, enrolment=trainee, number=1, started_at=timezone.now()
    )
    urls = [
        reverse("cohorts:assessment_list", args=[cohort.slug]),
        reverse("cohorts:assessment_detail", args=[cohort.slug, quiz.pk]),
        reverse("cohorts:quiz_attempt", args=[cohort.slug, attempt.pk]),
    ]
    for user in (other.user, applicant.user, coordinator_of(cohort.lead_office)):
        login(client, user)
        for url in urls:
            assert client.get(url).status_code == 404, (user, url)
    client.logout()
    assert client.get(urls[0]).status_code == 302  # to log in


def test_upload_view_validates_and_download_is_private(client, cohort, trainee):
    assignment = AssessmentFactory(cohort=cohort, title="Case study")
    url = reverse("cohorts:assessment_detail", args=[cohort.slug, assignment.pk])
    login(client, trainee.user)
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = client.post(url, {"file": SimpleUploadedFile("x.pdf", b"<script>")})
    assert bad.status_code == 400 and not AssignmentSubmission.objects.exists()
    assert client.post(url, {"file": pdf("Мой отчёт.pdf")}).status_code == 302
    submission = AssignmentSubmission.objects.get()
    download = reverse("cohorts:submission_download", args=[submission.pk])
    response = client.get(download)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")

    login(client, AdmittedEnrolmentFactory(cohort=cohort).user)
    assert client.get(download).status_code == 404
    login(client, coordinator_of(OfficeFactory()))
    assert client.get(download).status_code == 404
    login(client, coordinator_of(cohort.lead_office))
    assert client.get(download).status_code == 200


def grader_urls(cohort, assignment, submission):
    return [
        reverse("cohorts:gradebook", args=[cohort.slug]),
        reverse("cohorts:gradebook_export", args=[cohort.slug, "csv"]),
        reverse("cohorts:gradebook_export", args=[cohort.slug, "xlsx"]),
        reverse("cohorts:grade_import", args=[cohort.slug]),
        reverse("cohorts:assessment_grading", args=[cohort.slug, assignment.pk]),
        reverse("cohorts:submission_grade", args=[cohort.slug, submission.pk]),
    ]


def test_grader_pages_scoped_to_instructors_and_participating_coordinators(
    client, cohort, trainee
):
    assignment = AssessmentFactory(cohort=cohort)
    submission = AssignmentSubmissionFactory(assessment=assignment, enrolment=trainee)
    partner = OfficeFactory()
    CohortOfficeFactory(cohort=cohort, office=partner)
    instructor = UserFactory()
    SessionFactory(cohort=cohort).instructors.add(instructor)
    urls = grader_urls(cohort, assignment, submission)
    for user in (coordinator_of(cohort.lead_office), instructor):
        login(client, user)
        for url in urls:
            assert client.get(url).status_code == 200, (user, url)
    # The partner office grades only its own nominees: not this trainee's work.
    login(client, coordinator_of(partner))
    for url in urls[:-1]:
        assert client.get(url).status_code == 200, url
    assert client.get(urls[-1]).status_code == 404
    for user in (coordinator_of(OfficeFactory()), trainee.user, UserFactory()):
        login(client, user)
        for url in urls:
            assert client.get(url).status_code == 404, (user, url)


def test_grading_through_the_page(client, cohort, trainee):
    assignment = AssessmentFactory(cohort=cohort, max_score=20)
    submission = AssignmentSubmissionFactory(assessment=assignment, enrolment=trainee)
    login(client, coordinator_of(cohort.lead_office))
    url = reverse("cohorts:submission_grade", args=[cohort.slug, submission.pk])
    assert client.post(url, {"score": "21", "feedback": ""}).status_code == 400
    client.post(url, {"score": "17", "feedback": "Clear analysis."})
    submission.refresh_from_db()
    assert submission.score == 17 and submission.feedback == "Clear analysis."


def populate(cohort, trainees, sessions):
    quiz = QuizFactory(cohort=cohort)
    assignment = AssessmentFactory(cohort=cohort)
    held = [SessionFactory(cohort=cohort) for _ in range(sessions)]
    for _ in range(trainees):
        enrolment = AdmittedEnrolmentFactory(cohort=cohort)
        AssignmentSubmissionFactory(
            assessment=assignment, enrolment=enrolment, score=50
        )
        QuizAttempt.objects.create(
            assessment=quiz,
            enrolment=enrolment,
            number=1,
            started_at=timezone.now(),
            submitted_at=timezone.now(),
            score=80,
        )
        for session in held:
            AttendanceMarkFactory(session=session, enrolment=enrolment)


def test_gradebook_query_count_does_not_grow(client, django_assert_max_num_queries):
    small, large = CohortFactory(), CohortFactory()
    populate(small, trainees=1, sessions=1)
    populate(large, trainees=6, sessions=4)
    lead = coordinator_of(small.lead_office)
    coordinator_of(large.lead_office, user=lead)
    login(client, lead)
    with CaptureQueriesContext(connection) as baseline:
        client.get(reverse("cohorts:gradebook", args=[small.slug]))
    with django_assert_max_num_queries(len(baseline)):
        page = client.get(reverse("cohorts:gradebook", args=[large.slug]))
    assert page.status_code == 200
    assert page.content.decode().count("65%") == 6  # (80 + 50) / 2 for each


def test_gradebook_exports(client, cohort, trainee):
    trainee.user.native_name = "Айгерим"
    trainee.user.first_name = "=HYPERLINK(1)"
    trainee.user.save()
    assignment = AssessmentFactory(cohort=cohort, title="Case study", max_score=20)
    AssignmentSubmissionFactory(assessment=assignment, enrolment=trainee, score=15)
    login(client, coordinator_of(cohort.lead_office))
    csv_response = client.get(
        reverse("cohorts:gradebook_export", args=[cohort.slug, "csv"])
    )
    text = csv_response.content.decode("utf-8-sig")
    assert "attachment" in csv_response["Content-Disposition"]
    assert "Case study (/20, ×1)" in text.splitlines()[0]
    assert "Айгерим" in text and ",15.00," in text and ",75.00," in text
    xlsx = client.get(reverse("cohorts:gradebook_export", args=[cohort.slug, "xlsx"]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][0] == trainee.user.email and "Айгерим" in rows[1]
    assert not any(str(v).startswith("=") for v in rows[1] if v is not None)


def test_grade_import_view_bad_row_writes_nothing(client, cohort, trainee):
    AssessmentFactory(cohort=cohort, title="Case study", max_score=20)
    login(client, coordinator_of(cohort.lead_office))
    url = reverse("cohorts:grade_import", args=[cohort.slug])
    bad = (
        "email,assessment,score,feedback\n"
        f"{trainee.user.email},Case study,15,\n"
        "ghost@example.org,Case study,10,\n"
    )
    response = preview_and_confirm(client, url, bad)
    assert response.status_code == 400
    assert "No admitted trainee" in page(response)
    assert not AssignmentSubmission.objects.exists()
    good = "\n".join(bad.splitlines()[:2])
    response = preview_and_confirm(client, url, good)
    assert response.status_code == 302
    assert response["Location"] == reverse("cohorts:gradebook", args=[cohort.slug])
    assert AssignmentSubmission.objects.get().score == 15


def test_only_lead_coordinators_complete_the_cohort(client, cohort, trainee):
    partner = OfficeFactory()
    CohortOfficeFactory(cohort=cohort, office=partner)
    AssessmentFactory(cohort=cohort, weight=0, required=False)
    url = reverse("cohorts:cohort_complete", args=[cohort.slug])
    login(client, coordinator_of(partner))
    assert client.post(url).status_code == 404
    login(client, coordinator_of(cohort.lead_office))
    assert client.get(url).status_code == 200  # the confirmation page
    assert client.post(url).status_code == 302
    cohort.refresh_from_db()
    trainee.refresh_from_db()
    assert cohort.status == Cohort.Status.COMPLETED
    assert trainee.completion == Enrolment.Completion.COMPLETED


def test_my_standing_include_for_my_learning(cohort, trainee, rf):
    from django.template.loader import render_to_string

    from cohorts.selectors.assessments import standing_list_for_user

    AssessmentFactory(cohort=cohort, title="Assignment 2", weight=0)
    html = render_to_string(
        "cohorts/includes/my_standing.html",
        {"standings": standing_list_for_user(trainee.user)},
    )
    assert "My standing" in html and cohort.title in html
    assert "Assignment 2 not submitted" in html
    assert reverse("cohorts:assessment_list", args=[cohort.slug]) in html


def test_reopening_an_expired_attempt_closes_it(client, cohort, trainee):
    quiz = QuizFactory(cohort=cohort, time_limit_minutes=10)
    question_with_choices(quiz, Question.Kind.SINGLE, [("a", True)])
    attempt = QuizAttempt.objects.create(
        assessment=quiz,
        enrolment=trainee,
        number=1,
        question_order=list(quiz.questions.values_list("pk", flat=True)),
        started_at=timezone.now() - datetime.timedelta(minutes=11),
    )
    login(client, trainee.user)
    page = client.get(reverse("cohorts:quiz_attempt", args=[cohort.slug, attempt.pk]))
    attempt.refresh_from_db()
    assert attempt.timed_out and "Time ran out" in page.content.decode()


def test_my_learning_shows_standing_and_links_to_the_assessments(client):
    enrolment = AdmittedEnrolmentFactory()
    QuizFactory(cohort=enrolment.cohort, title="Priority quiz")
    client.force_login(enrolment.user)
    page = client.get(reverse("learning:home")).content.decode()
    assert "My standing" in page
    assert reverse("cohorts:assessment_list", args=[enrolment.cohort.slug]) in page


def test_trainee_reviews_answers_changes_one_then_submits(client, cohort, trainee):
    quiz = QuizFactory(cohort=cohort, max_score=10, attempt_limit=2)
    first = question_with_choices(
        quiz,
        Question.Kind.SINGLE,
        [("12 months", True), ("6 months", False)],
        text="Priority period for patents?",
        order=0,
    )
    second = question_with_choices(
        quiz,
        Question.Kind.SINGLE,
        [("Yes", True), ("No", False)],
        text="Is Egypt a Paris Union member?",
        order=1,
    )
    login(client, trainee.user)
    url = client.post(reverse("cohorts:quiz_start", args=[cohort.slug, quiz.pk])).url
    assert "Review answers" in client.get(url).content.decode()
    wrong = first.choices.get(correct=False)

    review = client.post(url, {f"q{first.pk}": wrong.pk, "action": "review"})
    text = review.content.decode()
    assert "Review your answers" in text
    assert "Your answer:" in text and "6 months" in text
    assert "Not answered" in text  # the second question
    assert f'formaction="#q{first.pk}-question"' in text
    assert "your answers are final and cannot be changed" in text
    assert "attempt 1 of 2" in text
    assert QuizAttempt.objects.get().is_open  # nothing is submitted yet

    # Back to the questions: the answers chosen so far are still chosen.
    again = client.post(url, {f"q{first.pk}": wrong.pk, "action": "change"})
    assert f'id="q{first.pk}-question"' in again.content.decode()
    assert again.context["form"][f"q{first.pk}"].value() == str(wrong.pk)
    assert QuizAttempt.objects.get().is_open

    right = first.choices.get(correct=True)
    yes = second.choices.get(correct=True)
    client.post(
        url, {f"q{first.pk}": right.pk, f"q{second.pk}": yes.pk, "action": "submit"}
    )
    attempt = QuizAttempt.objects.get()
    assert not attempt.is_open and attempt.score == Decimal("10.00")
