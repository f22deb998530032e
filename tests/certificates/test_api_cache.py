"""The verification API's records come from the page cache until what the
verification page shows changes; the rate limit still counts every request."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from certificates.models import Certificate
from certificates.services import certificate_issue, certificate_pdf_render
from tests.cohorts.factories import coordinator_of

from .factories import CompletedEnrolmentFactory
from .test_endorsements import approve

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate():
    enrolment = CompletedEnrolmentFactory()
    certificate = certificate_issue(enrolment=enrolment)
    return certificate_pdf_render(certificate_id=certificate.pk)


def api_url(code):
    return f"/api/v1/certificates/{code}"


def verify_url(code):
    return reverse("certificates:verify_code", kwargs={"code": code})


def test_a_second_lookup_is_answered_without_a_query_and_the_same_bytes(
    client, certificate, django_assert_num_queries
):
    first = client.get(api_url(certificate.code))
    assert first.status_code == 200
    # Typed differently, the same code is the same record.
    sloppy = certificate.code.lower().replace("-", " ")
    with django_assert_num_queries(0):
        second = client.get(api_url(sloppy))
    assert second.status_code == 200
    assert second.content == first.content
    assert dict(second.headers) == dict(first.headers)
    assert second["Content-Type"] == "application/json; charset=utf-8"
    assert second.json()["holder_name"] == certificate.holder_name


def test_urls_in_the_record_are_those_of_the_host_asked(client, certificate):
    url = api_url(certificate.code)
    here = client.get(url).json()
    there = client.get(url, HTTP_HOST="verify.example.org").json()
    again = client.get(url).json()
    assert here["verification_url"] == "http://testserver" + verify_url(
        certificate.code
    )
    assert there["verification_url"] == "http://verify.example.org" + verify_url(
        certificate.code
    )
    assert again == here


def test_revocation_by_the_lead_coordinator_shows_at_once(
    client, certificate, django_capture_on_commit_callbacks
):
    url = api_url(certificate.code)
    assert client.get(url).json()["status"] == "valid"
    client.get(url)  # now served from the cache

    client.force_login(coordinator_of(certificate.cohort.lead_office))
    revoke = reverse("certificates_admin:revoke", args=(certificate.pk,))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(revoke, {"reason": "Duplicate enrolment."})
    assert response.status_code == 302
    client.logout()

    data = client.get(url).json()
    assert data["status"] == "revoked"
    assert data["revocation_reason"] == "Duplicate enrolment."
    assert data["revoked_at"] is not None


def test_supersession_shows_at_once_with_the_new_code(
    client, certificate, django_capture_on_commit_callbacks
):
    url = api_url(certificate.code)
    assert client.get(url).json()["superseded_by"] is None

    client.force_login(coordinator_of(certificate.cohort.lead_office))
    correct = reverse("certificates_admin:correct", args=(certificate.pk,))
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(correct, {"holder_name": "Right Name"}).status_code == 302
    client.logout()

    certificate.refresh_from_db()
    new = certificate.superseded_by
    data = client.get(url).json()
    assert data["status"] == "superseded"
    assert data["superseded_by"] == new.code
    assert data["superseded_by_url"] == "http://testserver" + verify_url(new.code)
    assert client.get(api_url(new.code)).json()["holder_name"] == "Right Name"


def test_endorsement_approval_and_withdrawal_show_at_once(
    client, joint, django_capture_on_commit_callbacks
):
    cohort, offices, coordinators, certificates = joint
    url = api_url(certificates[0].code)

    def ipos():
        data = client.get(url).json()
        return {o["code"]: o for o in data["co_signing_offices"]}["ipos"]

    assert ipos()["state"] == "pending"
    approve(
        cohort,
        offices["ipos"],
        coordinators["ipos"],
        django_capture_on_commit_callbacks,
    )
    assert ipos()["state"] == "signed"
    assert ipos()["signature_verified"] is True

    client.force_login(coordinators["ipos"])
    withdraw = reverse(
        "certificates:endorsement_withdraw",
        kwargs={
            "slug": cohort.slug,
            "office_code": "ipos",
            "code": certificates[0].code,
        },
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(withdraw, {"reason": "Our trainee list was wrong."})
    client.logout()
    assert ipos()["state"] == "withdrawn"
    assert ipos()["withdrawal_reason"] == "Our trainee list was wrong."


def test_rate_limit_answers_429_with_retry_after_on_cached_records(
    client, certificate, settings
):
    settings.CERTIFICATE_VERIFY_RATE = "3/m"
    url = api_url(certificate.code)
    for _ in range(3):  # one lookup, then two cached answers
        assert client.get(url).status_code == 200
    response = client.get(url)
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    assert response.json() == {"detail": "Too many requests."}


def test_a_code_looked_up_before_it_was_issued_is_found_once_issued(
    client, monkeypatch
):
    code = "SRIP-7K3M-Q9WD-X2HT-AB4C"
    assert client.get(api_url(code)).status_code == 404
    monkeypatch.setattr("certificates.codes.code_generate", lambda: code)
    certificate_issue(enrolment=CompletedEnrolmentFactory())
    response = client.get(api_url(code))
    assert response.status_code == 200
    assert response.json()["code"] == code


def test_a_record_turns_expired_the_day_after_its_last_valid_day(
    client, certificate, monkeypatch
):
    Certificate.objects.filter(pk=certificate.pk).update(
        valid_until=timezone.localdate()
    )
    url = api_url(certificate.code)
    assert client.get(url).json()["status"] == "valid"
    assert client.get(url).json()["status"] == "valid"
    now = timezone.now()
    monkeypatch.setattr(timezone, "now", lambda: now + datetime.timedelta(days=1))
    assert client.get(url).json()["status"] == "expired"


def test_without_the_page_cache_every_lookup_reads_the_database(
    client, certificate, settings, django_assert_num_queries
):
    settings.COURSES_PAGE_CACHE = False
    client.get(api_url(certificate.code))
    with django_assert_num_queries(1):
        assert client.get(api_url(certificate.code)).status_code == 200
