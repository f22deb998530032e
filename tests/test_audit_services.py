"""Every sensitive service writes exactly one audit entry, whoever calls it."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import ModelLogEntry

from certificates.services import (
    certificate_correct,
    certificate_issue,
    certificate_revoke,
)
from certificates.services.keys import signing_key_create, signing_key_rotate
from cohorts.models import AttendanceMark, Enrolment
from cohorts.services import enrolments
from cohorts.services.assessments import (
    assignment_grade,
    grade_import,
    quiz_attempt_start,
    quiz_attempt_submit,
)
from cohorts.services.attendance import attendance_import_csv, attendance_record_bulk
from cohorts.services.grading import quiz_attempt_score_override
from tests.accounts.factories import UserFactory
from tests.certificates.factories import CompletedEnrolmentFactory
from tests.cohorts.factories import (
    AdmittedEnrolmentFactory,
    AssignmentSubmissionFactory,
    CohortFactory,
    EnrolmentFactory,
    OfficeFactory,
    QuizFactory,
    SessionFactory,
    coordinator_of,
    question_with_choices,
)
from training import audit

pytestmark = pytest.mark.django_db
S = Enrolment.Status


@pytest.fixture(autouse=True)
def _certificate_files(settings, tmp_path, monkeypatch):
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    settings.SIGNING_KEYS_DIR = str(tmp_path / "keys")
    settings.SIGNING_KEYS_AUTO_CREATE = True
    from certificates import pdf

    monkeypatch.setattr(pdf, "certificate_pdf_render", lambda data: b"%PDF-1.7")


def _decision(name, status):
    def run(actor):
        enrolment = EnrolmentFactory(status=status)
        by = enrolment.user if name == "withdraw" else actor(enrolment.cohort)
        enrolments.DECISIONS[name](enrolment=enrolment, by=by)
        return enrolment, by

    return run


def _lead(cohort):
    return coordinator_of(cohort.lead_office)


def _attendance(actor):
    enrolment = AdmittedEnrolmentFactory()
    session = SessionFactory(cohort=enrolment.cohort)
    by = _lead(enrolment.cohort)
    attendance_record_bulk(session=session, marks={enrolment.pk: ("late", "")}, by=by)
    return AttendanceMark.objects.get(enrolment=enrolment), by


def _attendance_import(actor):
    enrolment = AdmittedEnrolmentFactory()
    session = SessionFactory(cohort=enrolment.cohort)
    by = _lead(enrolment.cohort)
    data = f"email,status\n{enrolment.user.email},absent\n".encode()
    attendance_import_csv(session=session, file=data, by=by, dry_run=False)
    return AttendanceMark.objects.get(enrolment=enrolment), by


def _grade(actor):
    submission = AssignmentSubmissionFactory(assessment__max_score=100)
    by = _lead(submission.assessment.cohort)
    assignment_grade(submission=submission, score="72.5", graded_by=by)
    return submission, by


def _grade_import(actor):
    submission = AssignmentSubmissionFactory(assessment__max_score=100)
    by = _lead(submission.assessment.cohort)
    data = (
        "email,assessment,score\n"
        f"{submission.enrolment.user.email},{submission.assessment.title},60\n"
    )
    grade_import(
        cohort=submission.assessment.cohort, data=data, imported_by=by, dry_run=False
    )
    return submission, by


def _quiz_override(actor):
    quiz = QuizFactory(max_score=10)
    question_with_choices(quiz, "single", [("Yes", True)])
    enrolment = AdmittedEnrolmentFactory(cohort=quiz.cohort)
    attempt = quiz_attempt_submit(
        attempt=quiz_attempt_start(assessment=quiz, enrolment=enrolment), answers={}
    )
    by = _lead(quiz.cohort)
    quiz_attempt_score_override(
        attempt=attempt, score=4, reason="Appeal upheld.", overridden_by=by
    )
    return attempt, by


def _issue(actor):
    by = UserFactory()
    return certificate_issue(enrolment=CompletedEnrolmentFactory(), by=by), by


def _revoke(actor):
    certificate = certificate_issue(enrolment=CompletedEnrolmentFactory())
    by = UserFactory()
    ModelLogEntry.objects.all().delete()
    certificate_revoke(certificate=certificate, reason="Issued in error.", by=by)
    return certificate, by


def _correct(actor):
    old = certificate_issue(enrolment=CompletedEnrolmentFactory())
    by = UserFactory()
    ModelLogEntry.objects.all().delete()
    return certificate_correct(certificate=old, holder_name="Li Wei", by=by), by


def _key(service, office=True):
    def run(actor):
        subject = OfficeFactory(short_code="cnipa") if office else None
        controller = "office-cnipa" if office else "platform"
        by = UserFactory()
        if service is signing_key_rotate:
            signing_key_create(controller=controller)
            ModelLogEntry.objects.all().delete()
        service(controller=controller, by=by)
        if subject is None:
            from wagtail.models import Site

            subject = Site.objects.get(is_default_site=True)
        return subject, by

    return run


CASES = {
    "nominate": (_decision("nominate", S.APPLIED), audit.ENROLMENT_DECISION),
    "waitlist": (_decision("waitlist", S.APPLIED), audit.ENROLMENT_DECISION),
    "reject": (_decision("reject", S.NOMINATED), audit.ENROLMENT_DECISION),
    "admit": (_decision("admit", S.NOMINATED), audit.ENROLMENT_DECISION),
    "decline": (_decision("decline", S.NOMINATED), audit.ENROLMENT_DECISION),
    "withdraw": (_decision("withdraw", S.APPLIED), audit.ENROLMENT_DECISION),
    "attendance": (_attendance, audit.ATTENDANCE_EDIT),
    "attendance import": (_attendance_import, audit.ATTENDANCE_EDIT),
    "grade": (_grade, audit.GRADE_CHANGE),
    "grade import": (_grade_import, audit.GRADE_CHANGE),
    "quiz score override": (_quiz_override, audit.GRADE_CHANGE),
    "certificate issue": (_issue, audit.CERTIFICATE_ISSUE),
    "certificate revoke": (_revoke, audit.CERTIFICATE_REVOKE),
    "certificate correct": (_correct, audit.CERTIFICATE_CORRECT),
    "office key create": (_key(signing_key_create), audit.SIGNING_KEY_CREATE),
    "platform key rotate": (
        _key(signing_key_rotate, office=False),
        audit.SIGNING_KEY_ROTATE,
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_each_service_call_writes_exactly_one_audit_entry(case):
    run, action = CASES[case]
    subject, by = run(_lead)
    entries = ModelLogEntry.objects.filter(action__startswith=audit.PREFIX)
    assert entries.count() == 1, list(entries.values("action", "label"))
    entry = entries.get()
    assert (entry.action, entry.user, entry.object_id) == (action, by, str(subject.pk))


def test_same_marks_again_write_no_entry_and_check_ins_none():
    enrolment = AdmittedEnrolmentFactory()
    session = SessionFactory(cohort=enrolment.cohort)
    by = _lead(enrolment.cohort)
    marks = {enrolment.pk: ("present", "")}
    attendance_record_bulk(session=session, marks=marks, by=by)
    attendance_record_bulk(session=session, marks=marks, by=by)
    attendance_record_bulk(
        session=session,
        marks={enrolment.pk: ("late", None)},
        by=enrolment.user,
        source="check_in",
    )
    assert ModelLogEntry.objects.filter(action=audit.ATTENDANCE_EDIT).count() == 1


def test_audit_report_lists_service_entries_and_filters_by_action(client):
    superuser = UserFactory(is_superuser=True, is_staff=True)
    cohort = CohortFactory(start_date=timezone.localdate() + datetime.timedelta(9))
    coordinator = _lead(cohort)
    rejected = EnrolmentFactory(cohort=cohort, user__first_name="Rejected")
    enrolments.enrolment_reject(enrolment=rejected, by=coordinator, reason="Late")
    graded, by = _grade(_lead)
    client.force_login(superuser)
    html = client.get("/admin/reports/audit/").content.decode()
    assert "Enrolment decision" in html and "Grade changed" in html
    assert "reason: Late" in html
    html = client.get(
        "/admin/reports/audit/", {"action": audit.GRADE_CHANGE}
    ).content.decode()
    assert "Grade changed" in html
    assert "Rejected" not in html


def test_reject_with_reason_emails_it_and_undo_restores_before_the_start(
    django_capture_on_commit_callbacks, mailoutbox
):
    cohort = CohortFactory()
    coordinator = _lead(cohort)
    enrolment = EnrolmentFactory(cohort=cohort, status=S.NOMINATED)
    with django_capture_on_commit_callbacks(execute=True):
        enrolments.enrolment_reject(enrolment=enrolment, by=coordinator, reason="Full")
    assert "Reason: Full" in mailoutbox[-1].body
    enrolments.enrolment_decision_undo(enrolment=enrolment, by=coordinator)
    enrolment.refresh_from_db()
    assert enrolment.status == S.NOMINATED
    assert (
        audit.audit_last(audit.ENROLMENT_DECISION_UNDO, enrolment).user == coordinator
    )


def test_undo_is_refused_once_the_cohort_has_started():
    from cohorts.exceptions import InvalidTransitionError

    cohort = CohortFactory()
    coordinator = _lead(cohort)
    enrolment = EnrolmentFactory(cohort=cohort, status=S.NOMINATED)
    enrolments.enrolment_decline(enrolment=enrolment, by=coordinator)
    cohort.start_date = timezone.localdate() - datetime.timedelta(days=1)
    cohort.save(update_fields=["start_date"])
    with pytest.raises(InvalidTransitionError):
        enrolments.enrolment_decision_undo(enrolment=enrolment, by=coordinator)
    enrolment.refresh_from_db()
    assert enrolment.status == S.DECLINED
