"""Private files through a real S3-compatible server (moto's standalone server).

The server is started once per session on a free 127.0.0.1 port; each test gets
fresh buckets and the storage settings pointed at them, so `make test` needs no
environment of its own. Skipped when `moto_server` is not installed.
"""

import shutil
import socket
import subprocess
import sys
import urllib.error
import urllib.request
import uuid
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

CREDENTIALS = {"access_key": "testing", "secret_key": "testing"}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def s3_endpoint():
    executable = Path(sys.executable).with_name("moto_server")
    command = str(executable) if executable.exists() else shutil.which("moto_server")
    if not command:
        pytest.skip("moto_server is not installed (pip install 'moto[server]')")
    port = _free_port()
    server = subprocess.Popen(
        [command, "-H", "127.0.0.1", "-p", str(port)],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )
    # Werkzeug announces the address once it listens.
    for line in server.stderr:
        if "Running on" in line:
            break
    else:
        pytest.fail("moto_server did not start")
    yield f"http://127.0.0.1:{port}"
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture
def s3(settings, s3_endpoint):
    """Fresh public and private buckets; STORAGES as S3_* variables would set them."""
    import boto3

    buckets = {kind: f"{kind}-{uuid.uuid4().hex[:12]}" for kind in ("media", "private")}
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name="us-east-1",
        aws_access_key_id=CREDENTIALS["access_key"],
        aws_secret_access_key=CREDENTIALS["secret_key"],
    )
    for bucket in buckets.values():
        client.create_bucket(Bucket=bucket)
    options = settings.S3_OPTIONS | CREDENTIALS | {"endpoint_url": s3_endpoint}
    settings.STORAGES = settings.STORAGES | {
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": options
            | {"bucket_name": buckets["media"], "querystring_auth": False},
        },
        "private": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": options
            | {
                "bucket_name": buckets["private"],
                "default_acl": "private",
                "querystring_auth": True,
                "querystring_expire": 60,
            },
        },
    }
    return client, buckets["private"]


def fetch(url):
    """GET from outside Django, as a browser following the redirect would."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


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
    anonymous, _headers, _content = fetch(f"{parts.scheme}://{parts.netloc}{parts.path}")
    assert anonymous == 403


def test_assignment_file_is_stored_privately_and_handed_out_signed(
    client, s3, s3_endpoint
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
    client, s3, s3_endpoint, monkeypatch
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
