"""Private files through a real S3-compatible server (the `s3` fixture)."""

import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from certificates.services import certificate_issue, certificate_pdf_render
from cohorts.models import AssignmentSubmission
from tests.accounts.factories import UserFactory
from tests.certificates.factories import CompletedEnrolmentFactory
from tests.cohorts.factories import (
    AdmittedEnrolmentFactory,
    AssessmentFactory,
    CohortOfficeFactory,
    OfficeFactory,
    coordinator_of,
)
from tests.cohorts.test_assessments_assignments import pdf

pytestmark = pytest.mark.django_db


def fetch(url):
    """GET from outside Django, as a browser following the redirect would."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def assert_nothing_on_local_disk(settings):
    for root in (settings.PRIVATE_MEDIA_ROOT, settings.MEDIA_ROOT):
        assert not [path for path in Path(root).rglob("*") if path.is_file()]


def assert_signed_download(response, *, endpoint, bucket, body, filename):
    """A redirect to a short-lived signed URL of the private bucket giving `body`;
    the same object without the signature is refused."""
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith(f"{endpoint}/{bucket}/")
    assert "Signature=" in location or "X-Amz-Signature=" in location
    assert response["Cache-Control"] == "private, no-store"
    status, headers, content = fetch(location)
    assert status == 200 and content == body
    assert headers["Content-Disposition"].startswith("attachment;")
    assert filename in headers["Content-Disposition"]
    parts = urlsplit(location)
    anonymous, _headers, _content = fetch(
        f"{parts.scheme}://{parts.netloc}{parts.path}"
    )
    assert anonymous == 403


def test_assignment_file_is_stored_privately_and_handed_out_signed(
    client, s3, s3_endpoint, settings
):
    s3_client, bucket = s3
    assignment = AssessmentFactory(title="Case study")
    cohort = assignment.cohort
    trainee = AdmittedEnrolmentFactory(cohort=cohort).user
    client.force_login(trainee)
    upload = pdf("essay.pdf")
    body = upload.read()
    upload.seek(0)
    detail = reverse("cohorts:assessment_detail", args=[cohort.slug, assignment.pk])
    assert client.post(detail, {"file": upload}).status_code == 302
    submission = AssignmentSubmission.objects.get()
    stored = s3_client.get_object(Bucket=bucket, Key=submission.file.name)
    assert stored["Body"].read() == body
    assert_nothing_on_local_disk(settings)

    download = reverse("cohorts:submission_download", args=[submission.pk])
    assert_signed_download(
        client.get(download),
        endpoint=s3_endpoint,
        bucket=bucket,
        body=body,
        filename="essay.pdf",
    )
    client.force_login(coordinator_of(cohort.lead_office))
    assert client.get(download).status_code == 302

    for outsider in (
        AdmittedEnrolmentFactory(cohort=cohort).user,
        coordinator_of(OfficeFactory()),
    ):
        client.force_login(outsider)
        refused = client.get(download)
        assert refused.status_code == 404
        assert "Location" not in refused
        assert body not in refused.content
    client.logout()
    assert client.get(download)["Location"].startswith(reverse("account_login"))


def test_certificate_pdf_is_stored_privately_and_handed_out_signed(
    client, s3, s3_endpoint, settings, monkeypatch
):
    from certificates import pdf as certificate_pdf

    monkeypatch.setattr(
        certificate_pdf,
        "certificate_pdf_render",
        lambda data: f"%PDF-1.7 {data['code']}".encode(),
    )
    s3_client, bucket = s3
    certificate = certificate_issue(enrolment=CompletedEnrolmentFactory())
    certificate = certificate_pdf_render(certificate_id=certificate.pk)
    stored = s3_client.get_object(Bucket=bucket, Key=certificate.pdf.name)
    body = stored["Body"].read()
    assert body.startswith(b"%PDF")
    assert_nothing_on_local_disk(settings)

    url = reverse("certificates:certificate_pdf", kwargs={"code": certificate.code})
    client.force_login(certificate.holder)
    assert_signed_download(
        client.get(url),
        endpoint=s3_endpoint,
        bucket=bucket,
        body=body,
        filename=f"{certificate.code}.pdf",
    )
    partner = CohortOfficeFactory(cohort=certificate.cohort).office
    for outsider in (coordinator_of(partner), UserFactory()):
        client.force_login(outsider)
        refused = client.get(url)
        assert refused.status_code == 404
        assert "Location" not in refused
        assert body not in refused.content

    # The lead office's ZIP reads the PDFs from the bucket, not from a disk.
    client.force_login(coordinator_of(certificate.cohort.lead_office))
    zipped = client.get(
        reverse("certificates:cohort_zip", kwargs={"slug": certificate.cohort.slug})
    )
    assert zipped.status_code == 200
    assert body in b"".join(zipped.streaming_content)
