"""Hostile CSV files in the three imports: clear errors, never a 500, nothing written."""

import pytest
from django.urls import reverse

from cohorts.csv_import import csv_import_read
from cohorts.exceptions import ImportFileError
from cohorts.models import AssignmentSubmission, AttendanceMark, Enrolment
from tests.accounts.factories import UserFactory
from tests.cohorts.factories import (
    AdmittedEnrolmentFactory,
    AssessmentFactory,
    CohortFactory,
    CohortOfficeFactory,
    OfficeFactory,
    SessionFactory,
    coordinator_of,
)
from tests.cohorts.import_pages import page, preview, preview_and_confirm

pytestmark = pytest.mark.django_db

HUGE = "x" * 131_073  # one over Python's csv field_size_limit
TOO_LONG = "A cell is longer than 10000 characters."


# ---- the three import pages ----


@pytest.fixture
def roster(client):
    ipos = OfficeFactory(short_code="ipos")
    cohort = CohortFactory()
    CohortOfficeFactory(cohort=cohort, office=ipos, seat_quota=5)
    client.force_login(coordinator_of(ipos))
    url = f"/admin/cohorts/applications/{cohort.pk}/import/"

    def post(text, *, dry_run):
        return (preview if dry_run else preview_and_confirm)(client, url, text)

    post.written = lambda: Enrolment.objects.filter(cohort=cohort).count()
    post.header = "email,office,employer,position\n"
    post.row = "wang@example.org,ipos,{},Examiner\n"
    return post


@pytest.fixture
def attendance(client):
    session = SessionFactory()
    AdmittedEnrolmentFactory(
        cohort=session.cohort, user=UserFactory(email="wang@example.org")
    )
    instructor = UserFactory()
    session.instructors.add(instructor)
    client.force_login(instructor)
    url = reverse("cohorts:session_import", args=[session.cohort.slug, session.pk])

    def post(text, *, dry_run):
        return (preview if dry_run else preview_and_confirm)(client, url, text)

    post.written = lambda: AttendanceMark.objects.count()
    post.header = "email,status,note\n"
    post.row = "wang@example.org,present,{}\n"
    return post


@pytest.fixture
def grades(client):
    cohort = CohortFactory()
    AssessmentFactory(cohort=cohort, title="Case study", max_score=20)
    AdmittedEnrolmentFactory(cohort=cohort, user=UserFactory(email="wang@example.org"))
    client.force_login(coordinator_of(cohort.lead_office))
    url = reverse("cohorts:grade_import", args=[cohort.slug])

    def post(text, *, dry_run):
        return (preview if dry_run else preview_and_confirm)(client, url, text)

    post.written = lambda: AssignmentSubmission.objects.count()
    post.header = "email,assessment,score,feedback\n"
    post.row = "wang@example.org,Case study,15,{}\n"
    return post


IMPORTS = ["roster", "attendance", "grades"]


@pytest.mark.parametrize("name", IMPORTS)
@pytest.mark.parametrize("dry_run", [True, False], ids=["dry-run", "import"])
def test_cell_over_the_csv_field_limit_is_a_row_error(request, name, dry_run):
    post = request.getfixturevalue(name)
    response = post(post.header + post.row.format(HUGE), dry_run=dry_run)
    assert response.status_code in (200, 400)
    assert TOO_LONG in page(response)
    assert post.written() == 0


@pytest.mark.parametrize("name", IMPORTS)
def test_nul_in_a_cell_is_a_row_error(request, name):
    post = request.getfixturevalue(name)
    response = post(post.header + post.row.format("a\x00b"), dry_run=False)
    assert "A cell contains a NUL character" in page(response)
    assert post.written() == 0


@pytest.mark.parametrize("name", IMPORTS)
def test_oversized_upload_is_refused_before_it_is_read(request, name, settings):
    settings.IMPORT_MAX_UPLOAD_MB = 1
    post = request.getfixturevalue(name)
    # Neither UTF-8 nor CSV: only the size is reported, so nothing was parsed.
    response = post(b"\xff" * (1024 * 1024 + 1), dry_run=True)
    text = page(response)
    assert "The file is larger than 1 MB." in text
    assert "not UTF-8" not in text
    assert post.written() == 0


@pytest.mark.parametrize("name", IMPORTS)
def test_file_that_is_not_utf8_is_a_clear_error(request, name):
    post = request.getfixturevalue(name)
    response = post(
        (post.header + post.row.format("Génova")).encode("latin-1"), dry_run=True
    )
    assert "The file is not UTF-8 text." in page(response)


# ---- the roster's preview runs the real run's validation ----


@pytest.mark.parametrize("dry_run", [True, False], ids=["dry-run", "import"])
@pytest.mark.parametrize(
    ("employer", "message"),
    [
        ("E" * 300, "employer: Ensure this value has at most 255 characters"),
        ("IP\x00OS", "A cell contains a NUL character"),
    ],
    ids=["300-char-employer", "nul"],
)
def test_roster_dry_run_and_import_give_the_same_row_error(
    roster, employer, message, dry_run
):
    response = roster(roster.header + roster.row.format(employer), dry_run=dry_run)
    assert response.status_code == 400
    assert message in page(response)
    assert roster.written() == 0


def test_roster_email_too_long_for_an_account_is_a_row_error(roster):
    email = "a" * 250 + "@example.org"
    text = roster.header + f"{email},ipos,IPOS,Examiner\n"
    for dry_run in (True, False):
        response = roster(text, dry_run=dry_run)
        assert "email address: Ensure this value has at most 254" in page(response)
    assert roster.written() == 0


def test_valid_roster_imports_when_its_clean_preview_is_confirmed(roster):
    text = roster.header + roster.row.format("IPOS")
    dry = roster(text, dry_run=True)
    assert dry.status_code == 200 and "will be nominated" in page(dry)
    assert roster.written() == 0
    assert roster(text, dry_run=False).status_code == 302
    assert roster.written() == 1


# ---- the reader itself ----


def test_reader_refuses_an_oversized_file_object_without_reading_it(settings):
    settings.IMPORT_MAX_UPLOAD_MB = 1

    class Upload:
        size = 1024 * 1024 + 1

        def read(self, *args):
            raise AssertionError("read before the size check")

    with pytest.raises(ImportFileError, match="larger than 1 MB"):
        csv_import_read(Upload(), columns=("email",), required=("email",))


def test_reader_carries_on_after_an_over_long_cell():
    data = f"email,note\na@example.org,{HUGE}\nb@example.org,fine\n".encode()
    rows = csv_import_read(data, columns=("email", "note"), required=("email",))
    assert [r.line for r in rows] == [2, 3]
    assert rows[0].errors == [TOO_LONG] and not rows[1].errors
    assert rows[1].cells == {"email": "b@example.org", "note": "fine"}
