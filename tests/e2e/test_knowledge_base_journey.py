"""The knowledge base on the comparison page: "as of" dates, facts not yet
verified and a suspended PPH partnership, in English and in Chinese
(screenshots under artifacts/screenshots/)."""

import datetime

import pytest
from django.utils import translation
from playwright.sync_api import expect

from cms.demo.regimes_content import CHECKED
from training import dates

from .conftest import BROWSER_DB

pytestmark = [pytest.mark.browser, BROWSER_DB]

EPO = "European Patent Office (EPO)"


def _date(value, language):
    with translation.override(language):
        return dates.format_day(value)


def _assert_knowledge_base(page, language):
    # Each jurisdiction's column says as of when its facts were reviewed.
    for header in page.locator("thead .as-of").all():
        expect(header).to_contain_text(_date(CHECKED, language))
    # The EPO's PPH with Rospatent: suspended, with the date and the reason,
    # and the source it was checked against.
    epo = page.locator(".fact-list li", has_text=EPO).first
    expect(epo.locator(".badge--bad")).to_be_visible()
    expect(epo).to_contain_text(_date(datetime.date(2022, 4, 25), language))
    expect(epo).to_contain_text("Decision of the EPO President")
    expect(epo.locator(".fact-source a")).to_have_attribute(
        "href", "https://www.epo.org/en/legal/official-journal/2022/04/a45.html"
    )
    # Facts no source confirmed are marked, never presented as facts.
    expect(page.locator("td .badge--unverified").first).to_be_visible()


def test_comparison_shows_as_of_and_suspended_pph_in_english(demo, page, shot):
    page.goto(f"{demo}/regimes/compare/")
    page.get_by_label("Russian Federation").check()
    page.get_by_label("Saudi Arabia").check()
    page.get_by_role("button", name="Compare").click()
    expect(page.locator("table.compare-table")).to_be_visible()
    _assert_knowledge_base(page, "en")
    expect(page.locator("thead .as-of").first).to_contain_text("As of")
    shot(page, "comparison with as-of dates in English")


def test_comparison_shows_as_of_and_suspended_pph_in_chinese(demo, page, shot):
    page.goto(f"{demo}/zh-hans/regimes/compare/?j=russia&j=saudi-arabia")
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    expect(page.locator("table.compare-table")).to_be_visible()
    _assert_knowledge_base(page, "zh-hans")
    shot(page, "comparison with as-of dates in Chinese")
