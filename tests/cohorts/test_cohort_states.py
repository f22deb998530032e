"""A completed cohort is closed: every write service refuses, whoever calls it."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from cohorts import checkin_codes
from cohorts.exceptions import CohortCompletedError, CohortNotReadyError
from cohorts.models import (
    AssignmentSubmission,
    AttendanceChange,
    AttendanceMark,
    Cohort,
    Enrolment,
    GradeChange,
    QuizAttempt,
)
from cohorts.services import enrolments as decisions
from cohorts.services.assessments import (
    assignment_grade,
    assignment_submit,
    grade_import,
    quiz_attempt_start,
    quiz_attempt_submit,
)
from cohorts.services.attendance import (
    attendance_check_in,
    attendance_import_csv,
    attendance_record_bulk,
)
from cohorts.services.cohorts import cohort_reopen, cohort_status_choices
from cohorts.services.completion import cohort_complete
from cohorts.services.grading import quiz_attempt_score_override
from cohorts.services.roster_import import roster_import
from tests.cohorts.factories import (
    AdmittedEnrolmentFactory,
    AssessmentFactory,
    AssignmentSubmissionFactory,
    CohortFactory,
    EnrolmentFactory,
    QuizFactory,
    SessionFactory,
    coordinator_of,
    question_with_choices,
)

pytestmark = pytest.mark.django_db
S = Enrolment.Status
PDF = b"%PDF-1.4\n%%EOF\n"


class Closed:
    """A running cohort with something to write on every path, then completed."""

    def __init__(self):
        now = timezone.now()
        self.cohort = CohortFactory(status=Cohort.Status.RUNNING)
        self.lead = coordinator_of(self.cohort.lead_office)
        self.session = SessionFactory(
            cohort=self.cohort,
            starts_at=now - datetime.timedelta(minutes=5),
            ends_at=now + datetime.timedelta(hours=1),
        )
        self.trainee = AdmittedEnrolmentFactory(cohort=self.cohort)
        self.applied = EnrolmentFactory(cohort=self.cohort)
        self.nominated = EnrolmentFactory(cohort=self.cohort, status=S.NOMINATED)
        self.quiz = QuizFactory(cohort=self.cohort)
        question_with_choices(self.quiz, "single", [("Yes", True), ("No", False)])
        self.attempt = quiz_attempt_start(assessment=self.quiz, enrolment=self.trainee)
        self.scored_quiz = QuizFactory(cohort=self.cohort)
        question_with_choices(self.scored_quiz, "single", [("Yes", True)])
        self.scored = quiz_attempt_submit(
            attempt=quiz_attempt_start(
                assessment=self.scored_quiz, enrolment=self.trainee
            ),
            answers={},
        )
        self.assignment = AssessmentFactory(cohort=self.cohort, title="Memo")
        self.submission = AssignmentSubmissionFactory(
            assessment=self.assignment, enrolment=self.trainee
        )
        Cohort.objects.filter(pk=self.cohort.pk).update(status=Cohort.Status.COMPLETED)
        self.cohort.refresh_from_db()


def _state():
    return {
        "marks": list(AttendanceMark.objects.values_list("pk", "status")),
        "changes": AttendanceChange.objects.count(),
        "attempts": list(
            QuizAttempt.objects.values_list("pk", "submitted_at", "score")
        ),
        "submissions": list(
            AssignmentSubmission.objects.values_list("pk", "score", "file")
        ),
        "grades": GradeChange.objects.count(),
        "enrolments": list(Enrolment.objects.values_list("pk", "status")),
    }


def _csv(text):
    return SimpleUploadedFile("f.csv", text.encode(), "text/csv")


WRITES = {
    "attendance roster": lambda c: attendance_record_bulk(
        session=c.session, marks={c.trainee.pk: ("present", "")}, by=c.lead
    ),
    "attendance check-in": lambda c: attendance_check_in(
        user=c.trainee.user,
        code=checkin_codes.code_for(
            c.session.pk, checkin_codes.window_at(timezone.now())
        ),
        session_id=c.session.pk,
    ),
    "attendance import": lambda c: attendance_import_csv(
        session=c.session,
        file=_csv(f"email,status\n{c.trainee.user.email},present\n"),
        by=c.lead,
        dry_run=False,
    ),
    "quiz start": lambda c: quiz_attempt_start(assessment=c.quiz, enrolment=c.trainee),
    "quiz submit": lambda c: quiz_attempt_submit(attempt=c.attempt, answers={}),
    "assignment submit": lambda c: assignment_submit(
        assessment=c.assignment,
        enrolment=c.trainee,
        file=SimpleUploadedFile("memo.pdf", PDF, "application/pdf"),
    ),
    "grade": lambda c: assignment_grade(
        submission=c.submission, score=10, graded_by=c.lead
    ),
    "quiz score override": lambda c: quiz_attempt_score_override(
        attempt=c.scored, score=1, reason="Appeal.", overridden_by=c.lead
    ),
    "grade import": lambda c: grade_import(
        cohort=c.cohort,
        data=f"email,assessment,score\n{c.trainee.user.email},Memo,10\n",
        imported_by=c.lead,
        dry_run=False,
    ),
    "nominate": lambda c: decisions.enrolment_nominate(enrolment=c.applied, by=c.lead),
    "waitlist": lambda c: decisions.enrolment_waitlist(enrolment=c.applied, by=c.lead),
    "reject": lambda c: decisions.enrolment_reject(enrolment=c.applied, by=c.lead),
    "admit": lambda c: decisions.enrolment_admit(enrolment=c.nominated, by=c.lead),
    "decline": lambda c: decisions.enrolment_decline(enrolment=c.nominated, by=c.lead),
    "withdraw": lambda c: decisions.enrolment_withdraw(
        enrolment=c.trainee, by=c.trainee.user
    ),
    "roster import": lambda c: roster_import(
        cohort=c.cohort,
        by=c.lead,
        data=(
            "email,office,employer,position\n"
            f"new@example.org,{c.cohort.lead_office.short_code},IPO,Examiner\n"
        ).encode(),
        dry_run=False,
    ),
}


@pytest.mark.parametrize("write", WRITES.values(), ids=WRITES.keys())
def test_every_write_is_refused_on_a_completed_cohort(write):
    closed = Closed()
    before = _state()
    with pytest.raises(CohortCompletedError, match="is completed"):
        write(closed)
    assert _state() == before


VIEW_WRITES = {
    "roster save": (
        lambda c: reverse("cohorts:session_roster", args=[c.cohort.slug, c.session.pk]),
        lambda c: {f"status_{c.trainee.pk}": "present"},
    ),
    "grade": (
        lambda c: reverse(
            "cohorts:submission_grade", args=[c.cohort.slug, c.submission.pk]
        ),
        lambda c: {"score": "10", "feedback": ""},
    ),
    "quiz score override": (
        lambda c: reverse("cohorts:attempt_score", args=[c.cohort.slug, c.scored.pk]),
        lambda c: {"score": "1", "reason": "Appeal."},
    ),
    "bulk decision": (
        lambda c: reverse("cohort_admin:applications", args=[c.cohort.pk]),
        lambda c: {"action": "reject", "enrolment": [c.applied.pk], "confirm": "1"},
    ),
}


@pytest.mark.parametrize("url, data", VIEW_WRITES.values(), ids=VIEW_WRITES.keys())
def test_views_show_the_refusal_and_write_nothing(client, url, data):
    closed = Closed()
    before = _state()
    client.force_login(closed.lead)
    response = client.post(url(closed), data(closed), follow=True)
    assert response.status_code in (200, 400)
    assert "is completed" in response.content.decode()
    assert _state() == before


def test_complete_is_refused_without_sessions_or_assessments():
    cohort = CohortFactory(status=Cohort.Status.RUNNING)
    AdmittedEnrolmentFactory(cohort=cohort)
    with pytest.raises(CohortNotReadyError):
        cohort_complete(cohort=cohort)
    cohort.refresh_from_db()
    assert cohort.status == Cohort.Status.RUNNING


def test_confirmation_page_lists_who_completes_and_who_does_not(client):
    cohort = CohortFactory(status=Cohort.Status.RUNNING, min_final_score=50)
    memo = AssessmentFactory(cohort=cohort, title="Memo")
    good = AdmittedEnrolmentFactory(
        cohort=cohort, user__first_name="Aigerim", user__last_name="N"
    )
    poor = AdmittedEnrolmentFactory(
        cohort=cohort, user__first_name="Olga", user__last_name="P"
    )
    AssignmentSubmissionFactory(assessment=memo, enrolment=good, score=90)
    AssignmentSubmissionFactory(assessment=memo, enrolment=poor, score=10)
    client.force_login(coordinator_of(cohort.lead_office))
    url = reverse("cohorts:cohort_complete", args=[cohort.slug])
    page = client.get(url).content.decode()
    completes, does_not = page.split("does not complete", 1)
    assert "Aigerim N" in completes and "Olga P" not in completes
    assert "Olga P" in does_not and "final score" in does_not
    cohort.refresh_from_db()
    assert cohort.status == Cohort.Status.RUNNING  # GET writes nothing
    assert client.post(url).status_code == 302
    cohort.refresh_from_db()
    assert cohort.status == Cohort.Status.COMPLETED


def test_confirmation_page_refuses_a_cohort_with_nothing_to_complete(client):
    cohort = CohortFactory(status=Cohort.Status.RUNNING)
    client.force_login(coordinator_of(cohort.lead_office))
    url = reverse("cohorts:cohort_complete", args=[cohort.slug])
    page = client.get(url).content.decode()
    assert "nothing to complete it on" in page and 'class="button--danger"' not in page
    client.post(url)
    cohort.refresh_from_db()
    assert cohort.status == Cohort.Status.RUNNING


def test_reopen_needs_the_lead_office_and_a_reason():
    closed = Closed()
    colleague = coordinator_of(closed.cohort.lead_office)
    with pytest.raises(ValidationError):
        cohort_reopen(cohort=closed.cohort, by=closed.lead, reason="  ")
    outsider = coordinator_of(CohortFactory().lead_office)
    with pytest.raises(Exception, match="lead office"):
        cohort_reopen(cohort=closed.cohort, by=outsider, reason="Late grade")
    cohort_reopen(cohort=closed.cohort, by=colleague, reason="Late grade")
    closed.cohort.refresh_from_db()
    assert closed.cohort.status == Cohort.Status.RUNNING
    entry = ModelLogEntry.objects.get(action="srip.cohort.reopen")
    assert entry.user == colleague and entry.data == {"reason": "Late grade"}
    assignment_grade(submission=closed.submission, score=10, graded_by=closed.lead)


def test_reopen_page_requires_a_reason(client):
    closed = Closed()
    client.force_login(closed.lead)
    url = reverse("cohorts:cohort_reopen", args=[closed.cohort.slug])
    assert client.post(url, {"reason": ""}).status_code == 400
    assert client.post(url, {"reason": "Late grade"}).status_code == 302
    closed.cohort.refresh_from_db()
    assert closed.cohort.status == Cohort.Status.RUNNING


def test_edit_form_offers_no_running_for_a_completed_cohort(client):
    closed = Closed()
    assert [v for v, _ in cohort_status_choices(closed.cohort)] == [
        Cohort.Status.COMPLETED,
        Cohort.Status.ARCHIVED,
    ]
    client.force_login(closed.lead)
    page = client.get(f"/admin/cohorts/edit/{closed.cohort.pk}/").content.decode()
    assert 'value="running"' not in page
    assert 'value="completed"' in page
    running = CohortFactory(status=Cohort.Status.RUNNING)
    assert Cohort.Status.COMPLETED not in dict(cohort_status_choices(running))
