"""Translating a course, by clicks from the Wagtail dashboard.

The demo instructor opens their course, chooses "Translate this page" into
Arabic, translates its title in wagtail-localize's editor and submits the
translation to "Course review". Until a reviewer approves it, /ar/ still shows
the English course; the reviewer approves it from their dashboard and the
Arabic course is live at /ar/courses/<slug>/.

Only the first address is typed (/admin/); everything after is a click.
"""

import re

import pytest
from playwright.sync_api import expect
from wagtail.models import Locale

from courses.models import CoursePage

from .conftest import BROWSER_DB, admin_login

pytestmark = [pytest.mark.browser, BROWSER_DB]

INSTRUCTOR = "instructor@example.org"
REVIEWER = "reviewer@example.org"
COURSE = "The Patent Prosecution Highway among Belt and Road offices"
ARABIC_TITLE = "طريق براءات الاختراع السريع بين مكاتب الحزام والطريق"
TIMEOUT = 15_000


def test_instructor_translates_their_course_into_arabic(demo, browser, page, shot):
    course = CoursePage.objects.get(title=COURSE, locale__language_code="en")
    public_url = f"{demo}/ar/courses/{course.slug}/"
    expect.set_options(timeout=TIMEOUT)

    admin_login(page, demo, INSTRUCTOR)
    shot(page, "dashboard")
    page.get_by_placeholder("Search all pages").fill(COURSE)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    shot(page, "search")
    page.get_by_role("link", name=COURSE).first.click()
    page.wait_for_url(re.compile(rf"/admin/pages/{course.pk}/edit/"))
    shot(page, "course editor")

    # The header's page actions (image choosers have "Actions" menus too).
    header = page.get_by_role("navigation", name="Actions", exact=True)
    header.get_by_role("button", name="Actions").click()
    page.get_by_role("link", name="Translate this page").click()
    page.wait_for_url(re.compile(rf"/admin/localize/submit/page/{course.pk}/"))
    page.get_by_label("Arabic").check()
    shot(page, "translate into arabic")
    page.get_by_role("button", name="Submit").click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
    arabic = CoursePage.objects.get(
        translation_key=course.translation_key, locale__language_code="ar"
    )
    assert page.url.endswith(f"/admin/pages/{arabic.pk}/edit/")
    expect(page.get_by_text("successfully submitted for translation into Arabic"))
    assert not arabic.live
    shot(page, "translation editor")

    # The title, in wagtail-localize's editor: Translate, type, Save.
    title = page.locator("li").filter(has=page.get_by_text(COURSE, exact=True)).last
    title.get_by_role("button", name="Translate").click()
    title.get_by_role("textbox").fill(ARABIC_TITLE)
    title.get_by_role("button", name="Save").click()
    expect(title.get_by_role("button", name="Edit")).to_be_visible()
    shot(page, "title translated")

    submit = page.get_by_role("button", name="Submit to Course review")
    submit.scroll_into_view_if_needed()
    shot(page, "ready to submit")
    submit.click()
    page.wait_for_url(re.compile(rf"/admin/pages/{arabic.pk}/edit/"))
    expect(page.get_by_text("was submitted to Course review")).to_be_visible()
    expect(
        page.get_by_text("This translation waits for Course review.")
    ).to_be_visible()
    shot(page, "submitted for review")
    arabic.refresh_from_db()
    assert arabic.current_workflow_state.status == "in_progress"

    # Not live yet: /ar/ still shows the English course, marked as such.
    page.goto(public_url)
    expect(page.locator("h1")).to_have_text(COURSE)
    shot(page, "arabic address before review")

    reviewer = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        admin = reviewer.new_page()
        admin_login(admin, demo, REVIEWER)
        review = admin.get_by_role("region", name="Awaiting your review")
        row = review.get_by_role("row").filter(has_text=ARABIC_TITLE)
        expect(row).to_be_visible()
        shot(admin, "reviewer dashboard")
        row.get_by_role("button", name="Actions", exact=True).click()
        # The dashboard's workflow actions: "Approve" publishes the last task.
        admin.get_by_role("button", name="Approve", exact=True).click()
        expect(row).to_have_count(0)
        shot(admin, "approved")
    finally:
        reviewer.close()

    arabic.refresh_from_db()
    assert arabic.live and arabic.title == ARABIC_TITLE
    assert arabic.locale == Locale.objects.get(language_code="ar")
    page.goto(public_url)
    expect(page.locator("h1")).to_have_text(ARABIC_TITLE)
    assert page.locator("html").get_attribute("lang") == "ar"
    shot(page, "arabic course live")
