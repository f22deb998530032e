import pytest
from django.urls import reverse

from certificates.models import Certificate
from certificates.services import certificate_issue
from tests.cohorts.factories import CohortOfficeFactory, coordinator_of

from .factories import CompletedEnrolmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate():
    return certificate_issue(enrolment=CompletedEnrolmentFactory())


def test_lead_coordinator_sees_and_revokes_in_admin(client, certificate):
    client.force_login(coordinator_of(certificate.cohort.lead_office))
    index = client.get(reverse("certificates_admin:index"))
    assert index.status_code == 200
    assert certificate.code in index.content.decode()
    url = reverse("certificates_admin:revoke", args=(certificate.pk,))
    assert client.get(url).status_code == 200
    response = client.post(url, {"reason": "Duplicate enrolment."})
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.REVOKED
    assert certificate.revoked_by is not None


def test_partner_office_cannot_see_or_revoke(client, certificate):
    partner = CohortOfficeFactory(cohort=certificate.cohort).office
    client.force_login(coordinator_of(partner))
    index = client.get(reverse("certificates_admin:index"))
    assert certificate.code not in index.content.decode()
    url = reverse("certificates_admin:revoke", args=(certificate.pk,))
    assert client.post(url, {"reason": "x"}).status_code == 404
    certificate.refresh_from_db()
    assert certificate.revoked_at is None


def test_correct_name_in_admin(client, certificate):
    client.force_login(coordinator_of(certificate.cohort.lead_office))
    url = reverse("certificates_admin:correct", args=(certificate.pk,))
    assert client.post(url, {"holder_name": "Right Name"}).status_code == 302
    certificate.refresh_from_db()
    assert certificate.superseded_by.holder_name == "Right Name"


def test_nobody_edits_a_certificate(client, certificate, staff_user):
    client.force_login(staff_user)
    assert client.get(
        reverse("certificates_admin:edit", args=(certificate.pk,))
    ).status_code in (302, 403)
    inspect = client.get(reverse("certificates_admin:inspect", args=(certificate.pk,)))
    assert inspect.status_code == 200


def test_certificates_are_not_counted_as_usage_of_their_cohort(client):
    """A certificate is a record, not content: issuing one (with the admin
    loaded, as in a worker) adds nothing to Wagtail's reference index."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ReferenceIndex

    reverse("certificates_admin:index")  # the admin's viewsets are registered
    certificate = certificate_issue(enrolment=CompletedEnrolmentFactory())
    certificate.pdf_sha256 = "0" * 64
    certificate.save(update_fields=["pdf_sha256"])
    assert not ReferenceIndex.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Certificate)
    ).exists()
    assert not ReferenceIndex.get_references_to(certificate.cohort).exists()
