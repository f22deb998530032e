"""An admitted trainee withdraws from My learning in two steps, then undoes it."""

import pytest

from cohorts.models import Enrolment

from .arrange import OPEN_COHORT, admit_demo_trainee
from .conftest import BROWSER_DB, login

pytestmark = [pytest.mark.browser, BROWSER_DB]


def test_trainee_confirms_withdrawal_and_can_undo_it(demo, page, shot, axe):
    enrolment = admit_demo_trainee()
    login(page, demo, "trainee@example.org")
    page.goto(f"{demo}/learning/")
    withdraw = page.get_by_role("link", name=f"Withdraw… – {OPEN_COHORT}")
    # A secondary (outlined) control, not the filled primary style.
    colours = withdraw.evaluate(
        "el => [getComputedStyle(el).backgroundColor, getComputedStyle(el).color]"
    )
    assert colours[0] == "rgb(255, 255, 255)", colours
    shot(page, "my learning")
    withdraw.click()
    page.wait_for_load_state()
    shot(page, "confirmation")
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.ADMITTED  # nothing happened yet
    main = page.locator("main").inner_text()
    assert "Your seat is released at once" in main
    assert "You cannot apply to this cohort again." in main
    assert axe(page) == []

    page.get_by_role("button", name="Yes, withdraw").click()
    page.wait_for_load_state()
    shot(page, "withdrawn with undo")
    assert page.get_by_role("heading", level=1).inner_text() == (
        f"You have withdrawn from {OPEN_COHORT}"
    )
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.WITHDRAWN

    page.get_by_role("button", name="Undo withdrawal").click()
    page.wait_for_load_state()
    shot(page, "undone")
    assert page.url.endswith("/learning/")
    assert (
        f"Your withdrawal from {OPEN_COHORT} is undone."
        in page.locator("main").inner_text()
    )
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.ADMITTED
