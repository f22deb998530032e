"""The credential's achievement id is a public page describing the achievement."""

import pytest
from django.urls import reverse

from certificates.services import certificate_issue
from tests.cohorts.factories import CohortFactory, CohortOfficeFactory, OfficeFactory
from tests.courses.factories import translate_page

from .factories import CompletedEnrolmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate():
    enrolment = CompletedEnrolmentFactory(
        cohort__title="PPH workshop 2026",
        cohort__contact_hours=24,
        cohort__min_attendance_percent=75,
        cohort__lead_office=OfficeFactory(name="Eurasian Patent Office"),
        cohort__course__title="The Patent Prosecution Highway",
        cohort__course__learning_outcomes="<p>Prepare a claim correspondence table</p>",
    )
    CohortOfficeFactory(cohort=enrolment.cohort, office=OfficeFactory(name="WIPO"))
    return certificate_issue(enrolment=enrolment)


def test_the_achievement_id_in_the_credential_is_a_public_page(client, certificate):
    achievement_id = certificate.credential["credentialSubject"]["achievement"]["id"]
    path = reverse("certificates:achievement", args=[certificate.cohort_id])
    assert achievement_id.endswith(path)

    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>The Patent Prosecution Highway</h1>" in html
    assert "PPH workshop 2026" in html
    assert "<dd>24</dd>" in html
    assert "<bdi>Eurasian Patent Office</bdi>, <bdi>WIPO</bdi>" in html
    assert "Attended at least 75% of the sessions." in html
    assert "Prepare a claim correspondence table" in html
    assert certificate.holder_name not in html  # about the achievement, not a person


def test_achievement_page_speaks_the_readers_language(client, certificate):
    translate_page(certificate.cohort.course, "ru", title="Ускоренное патентование")
    path = reverse("certificates:achievement", args=[certificate.cohort_id])
    html = client.get(path, {"lang": "ru"}).content.decode()
    assert '<html lang="ru"' in html
    assert "<h1>Ускоренное патентование</h1>" in html

    client.cookies["django_language"] = "ru"
    assert "Ускоренное патентование" in client.get(path).content.decode()


def test_achievement_of_a_cohort_without_certificates_is_not_found(client):
    cohort = CohortFactory()
    path = reverse("certificates:achievement", args=[cohort.pk])
    assert client.get(path).status_code == 404
    assert client.get(path, {"lang": "xx"}).status_code == 404
