import io

import openpyxl
import pytest
from django.core.management import call_command

from cohorts.models import Enrolment, OfficeApiToken
from cohorts.services.roster_import import roster_import
from tests.accounts.factories import UserFactory
from tests.cohorts.factories import (
    CohortFactory,
    CohortOfficeFactory,
    EnrolmentFactory,
    OfficeFactory,
    coordinator_of,
)
from tests.cohorts.import_pages import confirm_token, page, preview

pytestmark = pytest.mark.django_db

CSV = (
    "email,office,employer,position\n"
    "wang.fang@example.org,ipos,IPOS,Examiner\n"
    "{existing},ipos,IPOS,Examiner\n"
)


@pytest.fixture
def setup():
    lead = OfficeFactory(short_code="lead")
    ipos = OfficeFactory(short_code="ipos")
    cohort = CohortFactory(lead_office=lead)
    CohortOfficeFactory(cohort=cohort, office=ipos, seat_quota=2)
    existing = EnrolmentFactory(cohort=cohort, office=ipos)
    return cohort, ipos, coordinator_of(ipos), existing


def test_dry_run_shows_each_row_and_writes_nothing(setup):
    cohort, ipos, coord, existing = setup
    data = CSV.format(existing=existing.user.email).encode()
    result = roster_import(cohort=cohort, by=coord, data=data, dry_run=True)
    assert [r.outcome for r in result.rows] == ["add", "skip"]
    assert result.rows[0].new_account
    assert not result.written
    assert cohort.enrolments.count() == 1


def test_import_nominates_all_rows_in_one_go(setup):
    cohort, ipos, coord, existing = setup
    data = CSV.format(existing=existing.user.email).encode()
    result = roster_import(cohort=cohort, by=coord, data=data, dry_run=False)
    assert result.written
    added = Enrolment.objects.get(user__email="wang.fang@example.org")
    assert added.status == Enrolment.Status.NOMINATED
    assert added.office == ipos


def test_any_error_row_means_nothing_is_written(setup):
    cohort, ipos, coord, existing = setup
    data = (
        b"email,office,employer,position\n"
        b"ok@example.org,ipos,IPOS,Examiner\n"
        b"not-an-email,ipos,IPOS,Examiner\n"
        b"x@example.org,lead,Lead,Examiner\n"  # not the coordinator's office
    )
    result = roster_import(cohort=cohort, by=coord, data=data, dry_run=False)
    assert [r.outcome for r in result.rows] == ["add", "error", "error"]
    assert not result.written
    assert not Enrolment.objects.filter(user__email="ok@example.org").exists()


def test_import_respects_the_office_quota(setup):
    cohort, ipos, coord, existing = setup
    data = "email,office,employer,position\n" + "".join(
        f"p{i}@example.org,ipos,IPOS,Examiner\n" for i in range(3)
    )
    result = roster_import(cohort=cohort, by=coord, data=data.encode(), dry_run=True)
    assert [r.outcome for r in result.rows] == ["add", "add", "error"]


def test_file_without_required_columns_is_refused(setup):
    cohort, _, coord, _ = setup
    result = roster_import(
        cohort=cohort, by=coord, data=b"email,office\n", dry_run=True
    )
    assert "missing: employer, position" in result.errors[0]
    assert not result.ok


def test_import_page_previews_then_confirms_without_the_file(client, setup):
    cohort, ipos, coord, existing = setup
    client.force_login(coord)
    url = f"/admin/cohorts/applications/{cohort.pk}/import/"
    data = CSV.format(existing=existing.user.email)
    response = preview(client, url, data)
    assert "wang.fang@example.org" in page(response) and "New account" in page(response)
    assert "Confirm import" in page(response)
    assert cohort.enrolments.count() == 1
    response = client.post(url, {"token": confirm_token(response)})
    assert response.status_code == 302
    assert response["Location"] == f"/admin/cohorts/applications/{cohort.pk}/"
    assert cohort.enrolments.count() == 2


def test_xlsx_export_lists_the_roster(client, setup):
    cohort, ipos, coord, existing = setup
    existing.user.native_name = "王芳"
    existing.user.save()
    client.force_login(coord)
    response = client.get(f"/admin/cohorts/applications/{cohort.pk}/export.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[0][0] == "Name"
    assert rows[1][1] == "王芳"
    assert rows[1][5] == existing.user.email


def test_csv_export_neutralises_formulas(client, setup):
    cohort, ipos, coord, existing = setup
    existing.employer = "=HYPERLINK(1)"
    existing.save()
    client.force_login(coord)
    body = client.get(
        f"/admin/cohorts/applications/{cohort.pk}/export.csv"
    ).content.decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in body


def test_create_office_token_prints_token_once_and_stores_its_hash(capsys):
    office = OfficeFactory(short_code="cnipa")
    call_command("create_office_token", "CNIPA", name="HR system")
    token = capsys.readouterr().out.strip().splitlines()[-1]
    record = OfficeApiToken.objects.get(office=office)
    assert record.token_hash == OfficeApiToken.hash(token)
    assert token not in (record.token_hash, record.prefix)


def test_openapi_schema_documents_the_cohort_endpoints(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/cohorts/{slug}/roster/" in schema["paths"]
    assert client.get("/api/v1/docs").status_code == 200


def test_admin_token_create_shows_token_once(client):
    office = OfficeFactory()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.post(
        "/admin/office_api_tokens/new/", {"office": office.pk, "name": "HR"}
    )
    record = OfficeApiToken.objects.get(office=office)
    body = response.content.decode()
    assert record.prefix in body
    assert record.token_hash not in body
