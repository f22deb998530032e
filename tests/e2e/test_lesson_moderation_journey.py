"""Journey 6: an instructor edits a lesson and submits it; a reviewer publishes it."""

import re

import pytest

from courses.models import LessonPage

from .conftest import BROWSER_DB, login

pytestmark = [pytest.mark.browser, BROWSER_DB]

LESSON = "Qualifying for a PPH request"
NEW_SUMMARY = (
    "Updated after the 2026 review: which office's work a PPH request may use."
)


def test_instructor_edit_goes_live_after_a_reviewer_publishes_it(
    demo, browser, page, shot
):
    lesson = LessonPage.objects.get(title=LESSON)
    public_url = demo + lesson.url

    # The instructor finds the lesson in the admin, edits it and submits it.
    login(page, demo, "instructor@example.org")
    page.goto(f"{demo}/admin/")
    page.get_by_placeholder("Search all pages").fill(LESSON)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    shot(page, "instructor search")
    page.get_by_role("link", name=LESSON).first.click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/admin/pages/{lesson.pk}/edit/")
    page.get_by_role("textbox", name="Summary").fill(NEW_SUMMARY)
    shot(page, "lesson edited")
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Submit to Course review").click()
    page.wait_for_load_state()
    shot(page, "submitted for review")
    assert "has been submitted for moderation" in page.content()

    # Not live yet: the public page still shows the published summary.
    page.goto(public_url)
    assert NEW_SUMMARY not in page.locator("main").inner_text()

    # The reviewer sees it awaiting review and approves it.
    reviewer = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        admin = reviewer.new_page()
        login(admin, demo, "reviewer@example.org")
        admin.goto(f"{demo}/admin/")
        shot(admin, "reviewer dashboard")
        review = admin.get_by_role("region", name="Awaiting your review")
        review.get_by_role("link", name=LESSON).first.click()
        admin.wait_for_load_state()
        assert admin.get_by_role("textbox", name="Summary").input_value() == NEW_SUMMARY
        shot(admin, "reviewer opens the draft")
        admin.get_by_role("button", name="More actions").click()
        admin.get_by_role("button", name="Approve and Publish", exact=True).click()
        admin.wait_for_load_state()
        shot(admin, "approved and published")
        assert re.search(
            rf"Page '{LESSON}' has been (updated|published)", admin.content()
        )
    finally:
        reviewer.close()

    # The change is live for everyone.
    visitor = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        public = visitor.new_page()
        public.goto(public_url)
        shot(public, "live lesson")
        assert NEW_SUMMARY in public.locator("main").inner_text()
    finally:
        visitor.close()
    lesson.refresh_from_db()
    assert lesson.summary == NEW_SUMMARY
    assert not lesson.has_unpublished_changes
