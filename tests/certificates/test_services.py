import pytest
from django.core.exceptions import ValidationError

from certificates.exceptions import (
    CertificateNotCurrentError,
    EnrolmentNotCompletedError,
    NotLeadOfficeError,
)
from certificates.models import Certificate, CertificateBatch, StatusList
from certificates.services import (
    certificate_correct,
    certificate_issue,
    certificate_revoke,
    cohort_certificates_issue,
)
from certificates.tasks import certificate_issue_task
from cohorts.models import Enrolment
from cohorts.signals import enrolment_completed
from tests.cohorts.factories import CohortOfficeFactory, OfficeFactory, coordinator_of

from .factories import CompletedCohortFactory, CompletedEnrolmentFactory

pytestmark = pytest.mark.django_db


def test_issue_task_twice_creates_one_certificate(django_capture_on_commit_callbacks):
    enrolment = CompletedEnrolmentFactory()
    with django_capture_on_commit_callbacks(execute=True):
        first = certificate_issue_task.delay(enrolment.pk).get()
        second = certificate_issue_task.delay(enrolment.pk).get()
    assert first == second
    assert Certificate.objects.filter(enrolment=enrolment).count() == 1


def test_completion_signal_issues_certificate_and_pdf(
    django_capture_on_commit_callbacks,
):
    enrolment = CompletedEnrolmentFactory()
    with django_capture_on_commit_callbacks(execute=True):
        enrolment_completed.send(sender=Enrolment, enrolment=enrolment)
    certificate = Certificate.objects.get(enrolment=enrolment)
    assert certificate.pdf and len(certificate.pdf_sha256) == 64


def test_issue_refuses_enrolment_not_completed():
    enrolment = CompletedEnrolmentFactory(completion=Enrolment.Completion.IN_PROGRESS)
    with pytest.raises(EnrolmentNotCompletedError):
        certificate_issue(enrolment=enrolment)
    assert not Certificate.objects.exists()


def test_certificate_records_a_snapshot_frozen_at_issue():
    enrolment = CompletedEnrolmentFactory(
        user__first_name="Wang", user__last_name="Fang", user__native_name="王芳"
    )
    co = CohortOfficeFactory(
        cohort=enrolment.cohort, office=OfficeFactory(name="GCC Patent Office")
    ).office
    certificate = certificate_issue(enrolment=enrolment)

    user = enrolment.user
    user.first_name, user.native_name = "Changed", "改"
    user.save()
    course = enrolment.cohort.course
    course.title = "Renamed course"
    course.save()

    certificate.refresh_from_db()
    assert certificate.holder_name == "Wang Fang"
    assert certificate.holder_native_name == "王芳"
    assert certificate.course_title != "Renamed course"
    assert certificate.hours == 24
    assert str(certificate.attendance_rate) == "93.75"
    assert certificate.co_offices == [{"name": co.name, "code": co.short_code}]
    assert certificate.lead_office_name == enrolment.cohort.lead_office.name
    assert certificate.status == Certificate.Status.VALID


def test_credential_is_an_open_badge_with_hashed_email_and_status_entry():
    enrolment = CompletedEnrolmentFactory()
    certificate = certificate_issue(enrolment=enrolment)
    credential = certificate.credential
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert credential["@context"][0] == "https://www.w3.org/ns/credentials/v2"
    assert credential["@context"][1].endswith("context-3.0.3.json")
    subject = credential["credentialSubject"]
    assert subject["id"] == f"urn:uuid:{certificate.holder_uuid}"
    email_id = subject["identifier"][0]
    assert email_id["identityHash"].startswith("sha256$")
    assert enrolment.user.email not in str(credential)
    status = credential["credentialStatus"]
    assert status["type"] == "BitstringStatusListEntry"
    assert status["statusListIndex"] == str(certificate.status_index)
    assert status["statusListCredential"].endswith(
        f"/certificates/status/{certificate.status_list.slug}"
    )
    assert isinstance(credential["proof"], list)


def test_holder_keeps_the_same_subject_id_across_certificates():
    first = CompletedEnrolmentFactory()
    second = CompletedEnrolmentFactory(user=first.user)
    a = certificate_issue(enrolment=first)
    b = certificate_issue(enrolment=second)
    assert a.holder_uuid == b.holder_uuid
    assert a.code != b.code


def test_validity_period_gives_expired_status(time_machine=None):
    enrolment = CompletedEnrolmentFactory(cohort__certificate_validity_months=12)
    certificate = certificate_issue(enrolment=enrolment)
    assert certificate.valid_until is not None
    assert certificate.status == Certificate.Status.VALID
    certificate.valid_until = certificate.valid_until.replace(year=2000)
    assert certificate.status == Certificate.Status.EXPIRED


def test_revoke_records_reason_and_sets_status_bit():
    certificate = certificate_issue(enrolment=CompletedEnrolmentFactory())
    before = StatusList.objects.get().credential["credentialSubject"]["encodedList"]
    certificate_revoke(certificate=certificate, reason="Attendance records were wrong.")
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.REVOKED
    assert certificate.revoked_at and certificate.revocation_reason
    status_list = StatusList.objects.get()
    assert status_list.bit_get(certificate.status_index)
    # The signed list was republished with the new bit.
    assert status_list.credential["credentialSubject"]["encodedList"] != before


def test_revoke_requires_a_reason():
    certificate = certificate_issue(enrolment=CompletedEnrolmentFactory())
    with pytest.raises(ValidationError):
        certificate_revoke(certificate=certificate, reason="  ")
    certificate.refresh_from_db()
    assert certificate.revoked_at is None


def test_correction_supersedes_old_certificate():
    enrolment = CompletedEnrolmentFactory()
    old = certificate_issue(enrolment=enrolment)
    new = certificate_correct(certificate=old, holder_name="Corrected Name")
    old.refresh_from_db()
    assert old.status == Certificate.Status.SUPERSEDED
    assert old.superseded_by == new
    assert new.holder_name == "Corrected Name"
    assert new.code != old.code
    assert old.status_list.bit_get(old.status_index) is True
    # The enrolment's current certificate is now the corrected one.
    assert certificate_issue(enrolment=enrolment) == new
    with pytest.raises(CertificateNotCurrentError):
        certificate_correct(certificate=old, holder_name="Again")


def test_cohort_issue_is_for_lead_office_only():
    cohort = CompletedCohortFactory()
    partner = CohortOfficeFactory(cohort=cohort).office
    with pytest.raises(NotLeadOfficeError):
        cohort_certificates_issue(cohort=cohort, by=coordinator_of(partner))


def test_cohort_issue_issues_every_completed_enrolment(
    django_capture_on_commit_callbacks,
):
    cohort = CompletedCohortFactory()
    CompletedEnrolmentFactory.create_batch(3, cohort=cohort)
    CompletedEnrolmentFactory(
        cohort=cohort, completion=Enrolment.Completion.NOT_COMPLETED
    )
    lead = coordinator_of(cohort.lead_office)
    with django_capture_on_commit_callbacks(execute=True):
        batch = cohort_certificates_issue(cohort=cohort, by=lead)
    batch.refresh_from_db()
    assert (batch.status, batch.done, batch.total) == (
        CertificateBatch.Status.DONE,
        3,
        3,
    )
    assert Certificate.objects.filter(cohort=cohort).count() == 3
