from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from certificates.models import Certificate
from certificates.services import certificate_issue

from .factories import CompletedEnrolmentFactory

pytestmark = pytest.mark.django_db


def test_revoke_certificate_command():
    certificate = certificate_issue(enrolment=CompletedEnrolmentFactory())
    out = StringIO()
    call_command(
        "revoke_certificate", certificate.code.lower(), reason="Fraud", stdout=out
    )
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.REVOKED
    assert certificate.revocation_reason == "Fraud"
    assert certificate.status_list.bit_get(certificate.status_index)
    with pytest.raises(CommandError):
        call_command("revoke_certificate", "SRIP-0000-0000-0000-0000", reason="x")


def test_issue_certificates_command_is_idempotent():
    enrolment = CompletedEnrolmentFactory()
    CompletedEnrolmentFactory.create_batch(2, cohort=enrolment.cohort)
    for _ in range(2):
        out = StringIO()
        call_command("issue_certificates", enrolment.cohort.slug, stdout=out)
        assert "3/3" in out.getvalue()
    assert Certificate.objects.filter(cohort=enrolment.cohort).count() == 3
