import hashlib
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from certificates.models import Certificate
from certificates.services import (
    certificate_correct,
    certificate_issue,
    certificate_pdf_render,
    certificate_revoke,
)
from tests.accounts.factories import UserFactory
from tests.cohorts.factories import CohortOfficeFactory, coordinator_of

from .factories import CompletedEnrolmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate():
    enrolment = CompletedEnrolmentFactory(
        user__first_name="Aigerim",
        user__last_name="Nurlanovna",
        user__email="aigerim@example.org",
    )
    certificate = certificate_issue(enrolment=enrolment)
    return certificate_pdf_render(certificate_id=certificate.pk)


def verify_url(code):
    return reverse("certificates:verify_code", kwargs={"code": code})


def test_verify_page_shows_record_but_never_the_email(client, certificate):
    response = client.get(verify_url(certificate.code))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Valid" in content
    for text in [
        "Aigerim Nurlanovna",
        certificate.course_title,
        certificate.cohort_title,
        certificate.lead_office_name,
        "93.75",
        "88.5",
    ]:
        assert text in content
    assert "aigerim@example.org" not in content


def test_arabic_verify_page_isolates_names_and_code(client, certificate):
    client.cookies["django_language"] = "ar"
    content = client.get(verify_url(certificate.code)).content.decode()
    assert '<html lang="ar" dir="rtl">' in content
    assert "<bdi>Aigerim Nurlanovna</bdi>" in content
    assert f"<bdi>{certificate.lead_office_name}</bdi>" in content
    assert f'<code dir="ltr">{certificate.code}</code>' in content


def test_verify_form_redirects_sloppy_code_to_canonical_page(client, certificate):
    typed = certificate.code.lower().replace("-", " ")
    response = client.get(reverse("certificates:verify_form"), {"code": typed})
    assert response.status_code == 302
    assert response["Location"] == verify_url(certificate.code)


def test_unknown_code_is_not_found_and_keeps_what_was_typed(client, certificate):
    response = client.get(verify_url("SRIP-0000-0000-0000-0000"))
    assert response.status_code == 404
    html = response.content.decode()
    assert "No certificate has this code." in html
    assert "cannot be a certificate code" not in html
    assert 'value="SRIP-0000-0000-0000-0000"' in html
    assert 'aria-invalid="true"' in html


def test_a_value_that_cannot_be_a_code_is_told_its_shape_is_wrong(client, certificate):
    response = client.get(reverse("certificates:verify_form"), {"code": "hello world"})
    assert response.status_code == 404
    html = response.content.decode()
    assert "<h1>Not a certificate code</h1>" in html
    assert "“<bdi>hello world</bdi>” cannot be a certificate code" in html
    assert "SRIP followed by 16 letters and digits" in html
    assert "No certificate has this code." not in html
    # The field keeps the typed value, marked invalid and pointing at the reason.
    assert 'value="hello world"' in html
    assert 'aria-describedby="id_code_error id_code_help"' in html


@pytest.mark.parametrize(
    ("kind", "queries"),
    # A malformed code cannot exist, so it is answered without a query; the
    # answer is the same not-found page as for an unknown code.
    [("known", 1), ("superseded", 1), ("unknown", 1), ("malformed", 0)],
)
@pytest.mark.parametrize("where", ["page", "api"])
def test_verification_is_at_most_one_query(
    client, certificate, django_assert_num_queries, kind, queries, where
):
    new = certificate_correct(certificate=certificate, holder_name="New Name")
    code = {
        "known": new.code,
        "superseded": certificate.code,
        "unknown": "SRIP-0000-0000-0000-0000",
        "malformed": "not-a-code!",
    }[kind]
    url = verify_url(code) if where == "page" else f"/api/v1/certificates/{code}"
    client.get(reverse("certificates:verify_form"))  # warms the cached page chrome
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == (404 if kind in ("unknown", "malformed") else 200)


def test_rate_limit_counts_in_the_cache_not_the_database(
    client, certificate, settings, django_assert_num_queries
):
    settings.CERTIFICATE_VERIFY_RATE = "2/m"
    # The page cache answers a repeated code without a lookup; count lookups.
    settings.COURSES_PAGE_CACHE = False
    client.get(reverse("certificates:verify_form"))
    client.get(verify_url(certificate.code))
    client.get(verify_url(certificate.code))
    with django_assert_num_queries(0):
        assert client.get(verify_url(certificate.code)).status_code == 429


def test_revoked_certificate_page_shows_date_and_reason(client, certificate):
    certificate_revoke(certificate=certificate, reason="Issued by mistake.")
    content = client.get(verify_url(certificate.code)).content.decode()
    assert "Revoked" in content
    assert "Issued by mistake." in content
    certificate.refresh_from_db()
    assert f"{certificate.revoked_at:%Y}" in content
    status = client.get(
        reverse(
            "certificates:status_list", kwargs={"slug": certificate.status_list.slug}
        )
    )
    assert status.status_code == 200
    assert status.json()["credentialSubject"]["statusPurpose"] == "revocation"


def test_superseded_page_links_to_new_code(client, certificate):
    new = certificate_correct(certificate=certificate, holder_name="Aigerim Nurlanqyzy")
    content = client.get(verify_url(certificate.code)).content.decode()
    assert "Superseded" in content
    assert verify_url(new.code) in content


def test_superseded_credential_refreshes_to_the_corrected_one_and_says_so(
    client, certificate
):
    from certificates.credentials.verify import credential_verify

    old_credential = certificate.credential
    refresh = old_credential["refreshService"]
    assert refresh["type"] == "1EdTechCredentialRefresh"
    path = refresh["id"].removeprefix("http://testserver")
    assert client.get(path).json()["id"] == old_credential["id"]  # still current

    new = certificate_correct(certificate=certificate, holder_name="A. Nurlanovna")

    assert client.get(path).json() == new.credential

    def fetch(url):
        return client.get(url.removeprefix("http://testserver")).json()

    status = credential_verify(old_credential, fetch_status=fetch).check("status")
    assert status.code == "superseded"
    assert status.message == f"The credential was superseded by {new.credential['id']}."
    api = client.get(f"/api/v1/certificates/{certificate.code}").json()
    assert api["status"] == "superseded"
    assert api["superseded_by"] == new.code
    assert api["superseded_by_url"] == "http://testserver" + verify_url(new.code)
    page = client.get(verify_url(certificate.code)).content.decode()
    assert new.code in page


def test_revoked_credential_stays_revoked_for_verifiers(client, certificate):
    from certificates.credentials.verify import credential_verify

    certificate_revoke(certificate=certificate, reason="Issued in error")

    def fetch(url):
        return client.get(url.removeprefix("http://testserver")).json()

    report = credential_verify(certificate.credential, fetch_status=fetch)
    assert report.check("status").code == "revoked"
    assert not report.valid


def test_rate_limit_answers_429_with_retry_after(client, certificate, settings):
    settings.CERTIFICATE_VERIFY_RATE = "3/m"
    settings.COURSES_PAGE_CACHE = False  # every request a lookup, as for new codes
    for _ in range(3):
        assert client.get(verify_url(certificate.code)).status_code == 200
    response = client.get(verify_url(certificate.code))
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    api = client.get(f"/api/v1/certificates/{certificate.code}")
    assert api.status_code == 429 and "Retry-After" in api


def test_api_returns_the_record(client, certificate):
    response = client.get(f"/api/v1/certificates/{certificate.code.lower()}")
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "valid"
    assert data["holder_name"] == "Aigerim Nurlanovna"
    assert "email" not in json.dumps(data)
    assert client.get("/api/v1/certificates/nope").status_code == 404
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/certificates/{code}" in schema["paths"]


def test_credential_json_is_public_json_ld(client, certificate):
    response = client.get(
        reverse("certificates:credential_json", kwargs={"code": certificate.code})
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    assert response.json() == certificate.credential
    jwt = client.get(
        reverse("certificates:credential_jwt", kwargs={"code": certificate.code})
    )
    assert jwt.status_code == 200 and jwt["Content-Type"] == "application/jwt"


def test_pdf_download_for_holder_and_lead_office_only(client, certificate):
    url = reverse("certificates:certificate_pdf", kwargs={"code": certificate.code})
    cohort = certificate.cohort
    partner = CohortOfficeFactory(cohort=cohort).office
    client.force_login(certificate.holder)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    client.force_login(coordinator_of(cohort.lead_office))
    assert client.get(url).status_code == 200
    client.force_login(coordinator_of(partner))
    assert client.get(url).status_code == 404
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404


def test_cohort_zip_for_lead_office(client, certificate):
    url = reverse("certificates:cohort_zip", kwargs={"slug": certificate.cohort.slug})
    partner = CohortOfficeFactory(cohort=certificate.cohort).office
    client.force_login(coordinator_of(partner))
    assert client.get(url).status_code == 404
    client.force_login(coordinator_of(certificate.cohort.lead_office))
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"PK")


def test_uploaded_pdf_is_compared_with_the_issued_one(client, certificate):
    original = certificate.pdf.open("rb").read()
    assert hashlib.sha256(original).hexdigest() == certificate.pdf_sha256
    same = client.post(
        verify_url(certificate.code),
        {"pdf": SimpleUploadedFile("c.pdf", original, "application/pdf")},
    )
    assert "exactly the one issued" in same.content.decode()
    changed = client.post(
        verify_url(certificate.code),
        {"pdf": SimpleUploadedFile("c.pdf", original + b"%", "application/pdf")},
    )
    assert "not the file issued" in changed.content.decode()


def test_a_changed_pdf_is_announced_first_above_the_valid_status(client, certificate):
    original = certificate.pdf.open("rb").read()
    content = client.post(
        verify_url(certificate.code),
        {"pdf": SimpleUploadedFile("c.pdf", original + b"%", "application/pdf")},
    ).content.decode()
    result = content.index('id="pdf-result"')
    assert result < content.index('id="status-heading"')
    opening = content[
        content.rindex("<section", 0, result) : content.index(">", result)
    ]
    assert 'role="alert"' in opening
    assert 'tabindex="-1"' in opening and "autofocus" in opening
    assert content.index("Your PDF: not the file issued") < content.index("Valid")
    # Nothing uploaded, nothing announced: the page opens on the status.
    assert (
        'id="pdf-result"'
        not in client.get(verify_url(certificate.code)).content.decode()
    )


def test_batch_progress_page_refreshes_until_done(client, certificate):
    from certificates.models import CertificateBatch

    batch = CertificateBatch.objects.create(
        cohort=certificate.cohort,
        total=5,
        done=2,
        status=CertificateBatch.Status.RUNNING,
    )
    url = reverse("certificates:batch_progress", kwargs={"pk": batch.pk})
    client.force_login(coordinator_of(certificate.cohort.lead_office))
    content = client.get(url).content.decode()
    assert 'http-equiv="refresh"' in content and "2 of 5" in content
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404


def test_lead_coordinator_issues_for_cohort(client, django_capture_on_commit_callbacks):
    enrolment = CompletedEnrolmentFactory()
    client.force_login(coordinator_of(enrolment.cohort.lead_office))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("certificates:cohort_issue", kwargs={"slug": enrolment.cohort.slug})
        )
    assert response.status_code == 302
    assert Certificate.objects.filter(enrolment=enrolment).exists()


def test_logged_in_lookups_are_limited_per_account_not_address(
    client, certificate, settings
):
    # Trainees behind one address each look up their certificate.
    settings.CERTIFICATE_VERIFY_RATE = "3/m"
    for _ in range(3):
        client.force_login(UserFactory())
        for _ in range(3):
            assert client.get(verify_url(certificate.code)).status_code == 200
    assert client.get(verify_url(certificate.code)).status_code == 429


def test_behind_a_trusted_proxy_visitors_are_counted_by_their_own_address(
    client, certificate, settings
):
    settings.CERTIFICATE_VERIFY_RATE = "2/m"
    # The page cache answers a repeated code without a lookup; count lookups.
    settings.COURSES_PAGE_CACHE = False
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for _ in range(2):
        response = client.get(
            verify_url(certificate.code), HTTP_X_FORWARDED_FOR="203.0.113.1", **proxy
        )
        assert response.status_code == 200
    assert (
        client.get(
            verify_url(certificate.code), HTTP_X_FORWARDED_FOR="203.0.113.1", **proxy
        ).status_code
        == 429
    )
    other = client.get(
        verify_url(certificate.code), HTTP_X_FORWARDED_FOR="203.0.113.2", **proxy
    )
    assert other.status_code == 200
