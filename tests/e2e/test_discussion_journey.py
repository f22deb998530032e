"""Two trainees of different offices discuss a session; one reports a post; the
lead office's coordinator removes it from the moderation queue."""

import pytest
from django.contrib.auth import get_user_model

from cohorts.models import Cohort, Enrolment
from cohorts.services.enrolments import enrolment_admit
from exchange.models import Post

from .arrange import OPEN_COHORT, admit_demo_trainee
from .conftest import BROWSER_DB, PHONE, login

pytestmark = [pytest.mark.browser, BROWSER_DB]

KWAME = "kwame.mensah@example.org"  # nominated by WIPO in the demo


def _admit_kwame():
    cohort = Cohort.objects.get(title=OPEN_COHORT)
    lead = get_user_model().objects.get(email="coordinator.eapo@example.org")
    enrolment = Enrolment.objects.get(cohort=cohort, user__email=KWAME)
    return enrolment_admit(enrolment=enrolment, by=lead)


def test_two_offices_discuss_a_session_and_a_report_is_moderated(
    demo, browser, page, shot, axe
):
    admit_demo_trainee()  # through EAPO
    _admit_kwame()  # through WIPO
    cohort = Cohort.objects.get(title=OPEN_COHORT)
    thread = Post.objects.filter(session__cohort=cohort).order_by("session__starts_at")[
        0
    ]

    # The EAPO trainee finds the discussions from My learning and replies.
    login(page, demo, "trainee@example.org")
    page.goto(f"{demo}/learning/")
    page.get_by_role("link", name=f"Discussions: {OPEN_COHORT}").click()
    page.wait_for_load_state()
    shot(page, "cohort discussions")
    assert axe(page) == []
    page.get_by_role("link", name=thread.title).click()
    page.wait_for_load_state()
    page.get_by_label("Your reply").fill("Does the **PPH request** need a new fee?")
    page.get_by_role("button", name="Post reply").click()
    page.wait_for_load_state()
    shot(page, "replied")
    assert "PPH request" in page.locator("main").inner_text()
    assert axe(page) == []

    # The WIPO trainee, on a phone, answers and reports the first reply.
    phone = browser.new_context(viewport=PHONE, locale="en-GB")
    other = phone.new_page()
    login(other, demo, KWAME)
    other.goto(f"{demo}/exchange/topics/{thread.pk}/")
    main = other.locator("main").inner_text()
    assert "PPH request" in main
    assert "trainee@example.org" not in other.content()
    assert axe(other) == []
    other.get_by_label("Your reply").fill("No fee at WIPO, as far as I know.")
    other.get_by_role("button", name="Post reply").click()
    other.wait_for_load_state()
    other.get_by_role("link", name="Report").first.click()
    other.wait_for_load_state()
    other.get_by_label("What is wrong with this post?").fill(
        "Off topic for this session"
    )
    other.get_by_role("button", name="Send report").click()
    other.wait_for_load_state()
    shot(other, "reported on a phone")
    assert "moderators will look at it" in other.locator("main").inner_text()
    phone.close()

    # The lead office's coordinator removes it from the moderation queue.
    page.context.clear_cookies()
    login(page, demo, "coordinator.eapo@example.org")
    page.goto(f"{demo}/admin/exchange/moderation/?cohort={cohort.pk}")
    shot(page, "moderation queue")
    assert "Off topic for this session" in page.locator("main").inner_text()
    page.get_by_role("button", name="Remove", exact=True).click()
    page.wait_for_load_state()
    assert "The post was removed." in page.locator("body").inner_text()
    reply = Post.objects.get(parent=thread, body__startswith="Does the")
    assert reply.status == Post.Status.REMOVED
    page.goto(f"{demo}/exchange/topics/{thread.pk}/")
    shot(page, "removed in the thread")
    assert "removed by a moderator" in page.locator("main").inner_text()
