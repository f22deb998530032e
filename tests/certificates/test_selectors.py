import datetime
from urllib.parse import parse_qs, urlparse

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory

from certificates.models import Certificate, OfficeCredentialSettings
from certificates.selectors import linkedin_add_url, my_certificates
from certificates.services import certificate_issue

from .factories import CompletedEnrolmentFactory

pytestmark = pytest.mark.django_db


def test_linkedin_url_prefills_the_certification():
    certificate = certificate_issue(enrolment=CompletedEnrolmentFactory())
    url = urlparse(linkedin_add_url(certificate))
    query = {k: v[0] for k, v in parse_qs(url.query).items()}
    assert url.netloc == "www.linkedin.com" and url.path == "/profile/add"
    assert query["startTask"] == "CERTIFICATION_NAME"
    assert query["name"] == certificate.course_title
    assert query["certId"] == certificate.code
    assert query["certUrl"].endswith(f"/verify/{certificate.code}/")
    assert query["issueYear"] == str(certificate.issued_at.year)


def _query(url: str) -> dict:
    return {k: v[0] for k, v in parse_qs(urlparse(url).query).items()}


def test_linkedin_url_names_the_platform_and_no_expiry_by_default():
    certificate = certificate_issue(enrolment=CompletedEnrolmentFactory())
    query = _query(linkedin_add_url(certificate))
    assert query["organizationName"] == "Silk Road IP Academy"
    assert "organizationId" not in query
    assert "expirationYear" not in query and "expirationMonth" not in query


def test_linkedin_url_carries_the_expiry_and_the_lead_offices_linkedin_page():
    enrolment = CompletedEnrolmentFactory()
    certificate = certificate_issue(enrolment=enrolment)
    Certificate.objects.filter(pk=certificate.pk).update(
        valid_until=datetime.date(2029, 6, 30)
    )
    OfficeCredentialSettings.objects.create(
        office=enrolment.cohort.lead_office, linkedin_organization_id="1337"
    )

    ((_, _, url),) = my_certificates(enrolment.user)

    query = _query(url)
    assert query["organizationId"] == "1337"
    assert "organizationName" not in query
    assert (query["expirationYear"], query["expirationMonth"]) == ("2029", "6")


def test_my_certificates_include_lists_the_holders_certificates():
    enrolment = CompletedEnrolmentFactory()
    certificate = certificate_issue(enrolment=enrolment)
    other = certificate_issue(enrolment=CompletedEnrolmentFactory())
    request = RequestFactory().get("/learning/")
    request.user = enrolment.user
    html = render_to_string(
        "certificates/includes/my_certificates.html",
        {"certificates": my_certificates(enrolment.user)},
        request=request,
    )
    assert certificate.code in html and other.code not in html
    assert "Add to LinkedIn profile" in html


def test_my_learning_shows_the_holders_certificate_and_standing(client):
    enrolment = CompletedEnrolmentFactory()
    certificate = certificate_issue(enrolment=enrolment)
    client.force_login(enrolment.user)
    page = client.get("/learning/").content.decode()
    assert "My certificates" in page and "My standing" in page
    assert certificate.code in page
    assert "linkedin.com" in page
