"""Every spreadsheet download goes through training.exports: no live formulas."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.cohorts.factories import (
    AdmittedEnrolmentFactory,
    AssessmentFactory,
    AssignmentSubmissionFactory,
    AttendanceMarkFactory,
    CohortFactory,
    SessionFactory,
    coordinator_of,
)
from training.exports import export_csv, export_xlsx, neutralise

pytestmark = pytest.mark.django_db

PAYLOAD = '=HYPERLINK("http://x","y")'

EXPORT_URLS = [
    lambda c: f"/admin/cohorts/applications/{c.pk}/export.csv",
    lambda c: f"/admin/cohorts/applications/{c.pk}/export.xlsx",
    lambda c: reverse("cohorts:attendance_export", args=[c.slug, "csv"]),
    lambda c: reverse("cohorts:attendance_export", args=[c.slug, "xlsx"]),
    lambda c: reverse("cohorts:gradebook_export", args=[c.slug, "csv"]),
    lambda c: reverse("cohorts:gradebook_export", args=[c.slug, "xlsx"]),
]


@pytest.fixture
def hostile_cohort():
    cohort = CohortFactory()
    enrolment = AdmittedEnrolmentFactory(cohort=cohort, employer=PAYLOAD)
    enrolment.user.first_name = PAYLOAD
    enrolment.user.native_name = "@SUM(1+1)"
    enrolment.user.save()
    session = SessionFactory(cohort=cohort, title="-2+3")
    AttendanceMarkFactory(
        session=session, enrolment=enrolment, note="+cmd|' /C calc'!A0"
    )
    assessment = AssessmentFactory(cohort=cohort)
    AssignmentSubmissionFactory(assessment=assessment, enrolment=enrolment, score=10)
    return cohort


def _cells(response):
    if response["Content-Type"].startswith("text/csv"):
        text = response.content.decode("utf-8")
        assert text.startswith("\ufeff")
        rows = list(csv.reader(io.StringIO(text[1:])))
        return [(cell, "s") for row in rows for cell in row]
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [
        (cell.value, cell.data_type)
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    ]


@pytest.mark.parametrize("url", EXPORT_URLS)
def test_no_export_writes_a_trainee_formula_live(client, hostile_cohort, url):
    client.force_login(coordinator_of(hostile_cohort.lead_office))
    response = client.get(url(hostile_cohort))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    cells = _cells(response)
    assert any(str(v).startswith("'" + PAYLOAD) and t == "s" for v, t in cells)
    for value, data_type in cells:
        assert data_type != "f"
        if isinstance(value, str):
            assert value[:1] not in ("=", "+", "-", "@", "\t", "\r"), value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Aigerim", "Aigerim"),
        ("王芳", "王芳"),
        ("", ""),
    ],
)
def test_neutralise(text, expected):
    assert neutralise(text) == expected


def test_numbers_stay_numbers_and_text_is_never_a_formula():
    data = export_xlsx(["h"], [[PAYLOAD, 3, None]], title="t")
    sheet = load_workbook(io.BytesIO(data)).active
    row = list(sheet.iter_rows(min_row=2))[0]
    assert (row[0].data_type, row[0].value) == ("s", "'" + PAYLOAD)
    assert row[1].value == 3
    assert (
        export_csv(["h"], [[PAYLOAD, 3, None]]).decode("utf-8-sig").splitlines()[1]
        == '"\'=HYPERLINK(""http://x"",""y"")",3,'
    )
