"""Zip bombs among assignment uploads: refused with a clear error, read bounded."""

import io
import struct
import tracemalloc
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cohorts.models import AssignmentSubmission, Cohort
from tests.cohorts.factories import (
    AdmittedEnrolmentFactory,
    AssessmentFactory,
    CohortFactory,
)
from tests.cohorts.test_assessments_assignments import odt

pytestmark = pytest.mark.django_db

ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
REFUSED = "unpacks to far more data than a document would"


def bomb(members: dict[str, bytes], name="essay.odt") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, content in members.items():
            archive.writestr(member, content)
    return SimpleUploadedFile(name, buffer.getvalue())


def lying_bomb(real: bytes, declared: int) -> SimpleUploadedFile:
    """An .odt whose `mimetype` entry claims `declared` bytes but inflates to `real`."""
    data = bomb({"mimetype": real}).read()
    cd = data.index(b"PK\x01\x02")
    data = bytearray(data)
    data[22:26] = struct.pack("<I", declared)  # local header: uncompressed size
    data[cd + 24 : cd + 28] = struct.pack("<I", declared)  # central directory
    return SimpleUploadedFile("essay.odt", bytes(data))


@pytest.fixture
def upload(client):
    cohort = CohortFactory(status=Cohort.Status.RUNNING)
    trainee = AdmittedEnrolmentFactory(cohort=cohort)
    assignment = AssessmentFactory(cohort=cohort, title="Case study")
    client.force_login(trainee.user)
    url = reverse("cohorts:assessment_detail", args=[cohort.slug, assignment.pk])

    def post(file):
        tracemalloc.start()
        try:
            response = client.post(url, {"file": file})
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        return response, peak

    return post


def test_mimetype_entry_unpacking_to_many_megabytes_is_refused_unread(upload):
    # 24 MB of spaces after the real mimetype: `.strip()` would have matched.
    file = bomb({"mimetype": ODT_MIMETYPE + b" " * (24 * 1024 * 1024)})
    assert file.size < 200 * 1024
    response, peak = upload(file)
    assert response.status_code == 400
    assert REFUSED in response.content.decode()
    assert peak < 8 * 1024 * 1024
    assert not AssignmentSubmission.objects.exists()


def test_entry_that_lies_about_its_size_is_read_bounded(upload):
    file = lying_bomb(ODT_MIMETYPE + b" " * (24 * 1024 * 1024), len(ODT_MIMETYPE))
    response, peak = upload(file)
    assert response.status_code == 400
    assert "not a valid ODT document" in response.content.decode()
    assert peak < 8 * 1024 * 1024
    assert not AssignmentSubmission.objects.exists()


def test_valid_odt_with_a_bomb_inside_is_refused(upload):
    file = bomb({"mimetype": ODT_MIMETYPE, "content.xml": b"\0" * (24 * 1024 * 1024)})
    response, _peak = upload(file)
    assert response.status_code == 400
    assert REFUSED in response.content.decode()


def test_archive_with_too_many_entries_is_refused(upload):
    members = {"mimetype": ODT_MIMETYPE}
    members.update({f"Pictures/{i}.png": b"" for i in range(2001)})
    response, _peak = upload(bomb(members))
    assert response.status_code == 400
    assert REFUSED in response.content.decode()


def test_ordinary_odt_is_still_accepted(upload):
    response, _peak = upload(odt())
    assert response.status_code == 302
    assert AssignmentSubmission.objects.exists()
