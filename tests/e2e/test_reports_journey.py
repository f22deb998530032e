"""An office's coordinator, by clicks from /admin/, opens the programme reports,
sees their figures with a "<5" cell and downloads the XLSX report, which holds
only their office's rows.

Only the first address is typed (/admin/); everything after is a click.
"""

import io
import re

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from cms.demo.offices import OFFICES

from .conftest import BROWSER_DB, PHONE, admin_login

pytestmark = [pytest.mark.browser, BROWSER_DB]

LAPTOP = {"width": 1366, "height": 768}
COORDINATOR = "coordinator.ipos@example.org"
OFFICE = "Intellectual Property Office of Singapore (IPOS)"


def test_coordinator_downloads_their_office_report(demo, page, shot, axe):
    page.set_viewport_size(LAPTOP)
    admin_login(page, demo, COORDINATOR)
    page.get_by_role("link", name="Programme reports").click()
    page.wait_for_url(re.compile(r"/admin/programme-reports/$"))

    offices = page.locator("#report-offices")
    expect(offices.get_by_role("rowheader", name=OFFICE)).to_be_visible()
    expect(page.get_by_role("cell", name="<5", exact=True).first).to_be_visible()
    offices.scroll_into_view_if_needed()
    shot(page, "reports at 1366 px")
    assert axe(page) == []
    page.set_viewport_size(PHONE)
    offices.scroll_into_view_if_needed()
    shot(page, "reports at 390 px")
    assert axe(page) == []
    page.set_viewport_size(LAPTOP)

    with page.expect_download() as download:
        page.locator("a[href*='/programme-reports/export.xlsx']").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    sheet = load_workbook(io.BytesIO(download.value.path().read_bytes())).active
    rows = [[str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    # The figures per office and the learning gain per office: only IPOS.
    office_rows = {row[1] for row in rows if row[0] == "Office"}
    assert office_rows == {OFFICE, "Total"}
    assert "<5" in {cell for row in rows for cell in row}
    countries = [row[1] for row in rows if row[0] == "Country or region"]
    assert countries == ["Singapore", "Total"]
    # Cohort totals are named after their cohorts (which may name the
    # offices taking part); no other row is about another office.
    # Survey rows are per cohort too, named "<cohort> · <survey> …".
    cohorts = tuple(row[1] for row in rows if row[0] == "Cohort")
    labels = "\n".join(
        row[1] for row in rows if row[0] != "Cohort" and not row[1].startswith(cohorts)
    )
    others = [name for _code, name, *_rest in OFFICES if name != OFFICE]
    assert [name for name in others if name in labels] == []
