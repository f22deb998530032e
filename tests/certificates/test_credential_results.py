"""Results as data: score, attendance, evidence, alignment and schema in the credential."""

import json

import pytest

from certificates.credentials.schema import schema_validate
from certificates.credentials.verify import credential_verify
from certificates.selectors import status_list_document_get
from certificates.services import certificate_correct, certificate_issue
from certificates.services.credential_results import OB_SCHEMA_URL
from cohorts.models import AttendanceMark
from courses.models import IPArea
from tests.cohorts.factories import (
    AssessmentFactory,
    AttendanceMarkFactory,
    SessionFactory,
)

from .factories import CompletedEnrolmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def trained(django_capture_on_commit_callbacks):
    """A completed trainee: 3 of 4 sessions attended, two assessments, a course
    teaching patents and enforcement."""
    enrolment = CompletedEnrolmentFactory()
    cohort = enrolment.cohort
    cohort.course.ip_areas.set(
        IPArea.objects.filter(code__in=["patents", "enforcement"])
    )
    cohort.course.save()  # a parental relation is stored with its page
    for number in range(4):
        session = SessionFactory(cohort=cohort)
        status = AttendanceMark.Status.ABSENT if number == 3 else None
        AttendanceMarkFactory(
            session=session,
            enrolment=enrolment,
            **({"status": status} if status else {}),
        )
    AssessmentFactory(cohort=cohort, title="Claim drafting exercise")
    AssessmentFactory(cohort=cohort, title="PPH procedure quiz", kind="quiz")
    with django_capture_on_commit_callbacks(execute=True):
        return certificate_issue(enrolment=enrolment)


def test_score_and_attendance_are_results_of_described_kinds(trained):
    credential = trained.credential
    achievement = credential["credentialSubject"]["achievement"]
    descriptions = {d["name"]: d for d in achievement["resultDescription"]}
    assert set(descriptions) == {"Final score", "Attendance rate"}
    assert descriptions["Final score"]["resultType"] == "Percent"
    results = {
        r["resultDescription"]: r["value"]
        for r in credential["credentialSubject"]["result"]
    }
    assert results[descriptions["Final score"]["id"]] == "88.5"
    assert results[descriptions["Attendance rate"]["id"]] == "93.75"


def test_attendance_record_and_assessment_titles_are_evidence(trained):
    evidence = {e["name"]: e for e in trained.credential["evidence"]}
    assert evidence["Attendance record"]["narrative"].startswith(
        "Attended 3 of 4 sessions held"
    )
    assert "Claim drafting exercise" in evidence
    assert evidence["PPH procedure quiz"]["description"].startswith("Quiz")


def test_achievement_is_aligned_to_the_ip_areas_taught(trained):
    alignment = trained.credential["credentialSubject"]["achievement"]["alignment"]
    assert {a["targetName"] for a in alignment} == {"Patents", "Enforcement"}
    assert all("?ip_area=" in a["targetUrl"] for a in alignment)


def test_credential_names_its_schema_and_passes_it_and_verifies(trained):
    credential = trained.credential
    assert credential["credentialSchema"] == [
        {"id": OB_SCHEMA_URL, "type": "1EdTechJsonSchemaValidator2019"}
    ]
    assert schema_validate(credential) == []
    report = credential_verify(credential, fetch_status=status_list_document_get)
    assert report.valid, report.as_dict()


def test_a_correction_keeps_the_results(trained, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        new = certificate_correct(certificate=trained, holder_name="A. Nurlanovna")
    for key in ("evidence", "credentialSchema"):
        assert new.credential[key] == trained.credential[key]
    assert schema_validate(new.credential) == []


def test_a_credential_without_results_still_passes_the_schema(
    django_capture_on_commit_callbacks,
):
    enrolment = CompletedEnrolmentFactory(attendance_rate=None, final_score=None)
    with django_capture_on_commit_callbacks(execute=True):
        certificate = certificate_issue(enrolment=enrolment)
    assert "result" not in certificate.credential["credentialSubject"]
    assert schema_validate(json.loads(json.dumps(certificate.credential))) == []
