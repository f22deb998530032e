"""Journey: on a phone, the demo trainee finds an expert in the network and asks
to get in touch; the expert accepts, and only then the trainee sees her email."""

import pytest

from .conftest import BROWSER_DB, PHONE, login

pytestmark = [pytest.mark.browser, BROWSER_DB]

EXPERT_EMAIL = "coordinator.ipos@example.org"


def _fits_the_phone(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_trainee_finds_an_expert_and_sees_her_email_once_she_accepts(
    demo, context, page, axe, shot
):
    page.set_viewport_size(PHONE)
    login(page, demo, "trainee@example.org")
    page.goto(f"{demo}/learning/")
    page.get_by_role("link", name="Find alumni and experts").click()
    page.wait_for_load_state()
    shot(page, "directory")
    assert _fits_the_phone(page)
    assert axe(page) == []

    page.get_by_label("Expertise:").select_option(label="Examination cooperation / PPH")
    page.get_by_label("Office:").select_option(
        label="Intellectual Property Office of Singapore (IPOS)"
    )
    page.get_by_role("button", name="Search").click()
    page.wait_for_load_state()
    shot(page, "filtered")
    cards = page.locator(".cards .card")
    assert cards.count() == 1
    cards.first.get_by_role("link").click()
    page.wait_for_load_state()
    shot(page, "expert profile")
    assert _fits_the_phone(page)
    assert axe(page) == []
    main = page.locator("main").inner_text()
    assert "Expert, Intellectual Property Office of Singapore (IPOS)" in main
    assert EXPERT_EMAIL not in page.content()

    # The demo trainee has asked her already: the request waits.
    page.goto(f"{demo}/network/requests/")
    shot(page, "my requests")
    assert "No answer yet" in page.locator("main").inner_text()
    assert EXPERT_EMAIL not in page.content()

    page.get_by_role("button", name="Log out").click()
    page.wait_for_load_state()
    login(page, demo, EXPERT_EMAIL)
    page.goto(f"{demo}/network/requests/")
    page.get_by_role("button", name="Accept and share my email").click()
    page.wait_for_load_state()
    shot(page, "expert accepted")

    page.get_by_role("button", name="Log out").click()
    page.wait_for_load_state()
    login(page, demo, "trainee@example.org")
    page.goto(f"{demo}/network/requests/")
    shot(page, "email revealed")
    assert EXPERT_EMAIL in page.locator("main").inner_text()
