"""Every demo page fits a 390 px phone and a 1366 px laptop: the page itself
never scrolls sideways, and on the laptop axe finds nothing serious or critical.

Wide comparison tables scroll inside their own labelled region, with the label
column kept in place; on a desktop every jurisdiction column is in view.
"""

import pytest
from wagtail.models import Page

from certificates.models import Certificate

from .conftest import BROWSER_DB, DESKTOP, PHONE, login

pytestmark = [pytest.mark.browser, BROWSER_DB]

LESSON_WITH_TABLE = "/courses/gi-tk-genetic-resources/gi-systems-compared/"
SIX_COMPARED = (
    "/regimes/compare/?j=china&j=singapore&j=russia&j=saudi-arabia&j=israel&j=egypt"
)
LAPTOP = {"width": 1366, "height": 768}
OVERFLOW = "() => document.documentElement.scrollWidth - window.innerWidth"


def _demo_paths() -> list[str]:
    """Every live demo page (home, catalogue, courses, lessons, jurisdictions,
    in each language they are published in) and the pages that are views."""
    pages = Page.objects.live().filter(depth__gt=1).order_by("path")
    paths = [page.specific.get_url() for page in pages]
    certificate = Certificate.objects.order_by("issued_at").first()
    return [
        *paths,
        "/regimes/compare/",
        SIX_COMPARED,
        "/search/?q=patent",
        "/verify/",
        f"/verify/{certificate.code}/",
        f"/certificates/achievements/{certificate.cohort_id}",
    ]


def _arabic(path: str) -> str:
    if path.startswith(("/zh-hans/", "/ru/")):
        return "/ar/" + path.split("/", 2)[2]
    # Language-neutral (printed, signed) URLs take the language from the header.
    return path if path.startswith(("/verify/", "/certificates/")) else "/ar" + path


def _overflowing(page, base: str, paths: list[str], axe=None) -> dict[str, object]:
    """Pages that scroll sideways (by how many pixels) or, when `axe` is
    given, that have serious or critical accessibility violations."""
    found = {}
    for path in paths:
        response = page.goto(base + path)
        assert response.status == 200, (path, response.status)
        extra = page.evaluate(OVERFLOW)
        if extra > 0:
            found[path] = extra
        violations = axe(page) if axe else []
        if violations:
            found[f"axe {path}"] = [(v["id"], v["nodes"]) for v in violations]
    return found


def test_no_demo_page_scrolls_sideways_on_a_phone(demo, browser, shot, axe):
    paths = _demo_paths()
    assert any(p.count("/") > 3 for p in paths)  # lessons are in the walk
    context = browser.new_context(viewport=PHONE, locale="en-GB")
    try:
        page = context.new_page()
        found = _overflowing(page, demo, paths)
        # Arabic: pages under /ar/, language-neutral ones (/verify/) by header.
        context.set_extra_http_headers({"Accept-Language": "ar"})
        found |= _overflowing(page, demo, [_arabic(p) for p in paths])

        page.goto(demo + LESSON_WITH_TABLE)
        shot(page, "phone lesson with a comparison table")
        region = page.get_by_role("region", name="How GIs are protected").first
        assert region.get_attribute("tabindex") == "0"
        assert page.locator(".table-scroll__hint").first.is_visible()
        # The table scrolls in its region; the label column stays in view.
        label = region.locator("tbody th[scope=row]").first
        before = label.bounding_box()["x"]
        region.evaluate("el => { el.scrollLeft = el.scrollWidth; }")
        assert region.evaluate("el => el.scrollLeft") > 0
        assert label.bounding_box()["x"] == pytest.approx(before, abs=1)
        shot(page, "phone lesson table scrolled")
        assert axe(page) == []

        page.goto(demo + "/ar" + LESSON_WITH_TABLE)
        shot(page, "phone arabic lesson with a comparison table")

        login(page, demo, "fang.wang@example.org")
        found |= _overflowing(page, demo, ["/learning/", "/ar/learning/"])
        shot(page, "phone arabic my learning")
    finally:
        context.close()
    assert found == {}, found


def test_desktop_shows_every_jurisdiction_column(demo, page, shot):
    page.set_viewport_size(DESKTOP)
    for path in (LESSON_WITH_TABLE, SIX_COMPARED):
        page.goto(demo + path)
        shot(page, f"desktop {path}")
        regions = page.locator(".table-wrap").all()
        assert regions
        for region in regions:
            assert region.evaluate("el => el.scrollWidth <= el.clientWidth"), path
        # Nothing to scroll: no hint.
        assert not page.locator(".table-scroll__hint").first.is_visible()
        assert page.evaluate(OVERFLOW) <= 0


def test_no_demo_page_scrolls_sideways_on_a_laptop_and_axe_is_clean(
    demo, browser, shot, axe
):
    paths = _demo_paths()
    context = browser.new_context(viewport=LAPTOP, locale="en-GB")
    try:
        page = context.new_page()
        found = _overflowing(page, demo, paths, axe)
        page.goto(demo + LESSON_WITH_TABLE)
        shot(page, "laptop lesson with a comparison table")
        context.set_extra_http_headers({"Accept-Language": "ar"})
        found |= _overflowing(page, demo, [_arabic(p) for p in paths], axe)
        page.goto(demo + "/ar" + SIX_COMPARED)
        shot(page, "laptop arabic six jurisdictions compared")

        login(page, demo, "fang.wang@example.org")
        found |= _overflowing(page, demo, ["/learning/", "/ar/learning/"], axe)
        shot(page, "laptop arabic my learning")
    finally:
        context.close()
    assert found == {}, found
