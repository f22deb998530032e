"""Journeys 2 and 3: an application decided in the admin; a trainee checks in.

Journey 2: the applicant's nominating office (WIPO) nominates in the Wagtail
admin, the lead office (EAPO) admits, the trainee sees it on My learning.
Journey 3: an instructor opens a session's check-in screen and the trainee
checks in with the code read from that screen.
"""

import re

import pytest

from accounts import roles
from cohorts.models import AttendanceMark, Cohort, Enrolment, Office
from cohorts.services.enrolments import enrolment_apply
from tests.accounts.factories import UserFactory

from .arrange import OPEN_COHORT, admit_demo_trainee, start_first_session
from .conftest import BROWSER_DB, login

pytestmark = [pytest.mark.browser, BROWSER_DB]

PASSWORD = "pass-1234-word"  # UserFactory's


def _decide(page, base, coordinator, applicant_name, decision, shot, step):
    """As `coordinator`: admin → Cohorts → Applications → tick → decision."""
    login(page, base, coordinator)
    page.goto(f"{base}/admin/")
    page.get_by_role("button", name="Joint training").click()
    page.get_by_role("link", name="Cohorts", exact=True).click()
    page.wait_for_load_state()
    shot(page, f"{step} cohort list")
    page.get_by_role("button", name=re.compile("More options")).first.click()
    page.get_by_role("link", name="Applications").first.click()
    page.wait_for_load_state()
    shot(page, f"{step} applications")
    page.get_by_label(f"Select {applicant_name}").check()
    page.get_by_role("button", name=decision, exact=True).click()
    page.wait_for_load_state()
    shot(page, f"{step} decided")
    assert re.search(rf"{decision}: 1 application\(s\) updated", page.content())
    page.context.clear_cookies()


def test_coordinators_nominate_and_admit_and_the_trainee_sees_it(demo, page, shot):
    cohort = Cohort.objects.get(title=OPEN_COHORT)
    trainee = UserFactory(
        email="samira.k@example.org",
        first_name="Samira",
        last_name="Karimova",
        groups=[roles.TRAINEES],
    )
    enrolment = enrolment_apply(
        cohort=cohort,
        user=trainee,
        office=Office.objects.get(short_code="wipo"),
        employer="Patent Office of Tajikistan",
        position="Examiner",
        motivation="Work sharing with partner offices.",
    )

    _decide(
        page, demo, "coordinator.wipo@example.org", "Samira Karimova", "Nominate",
        shot, "wipo",
    )  # fmt: skip
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.NOMINATED

    _decide(
        page, demo, "coordinator.eapo@example.org", "Samira Karimova", "Admit",
        shot, "eapo lead",
    )  # fmt: skip
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.ADMITTED

    login(page, demo, trainee.email, PASSWORD)
    page.goto(f"{demo}/learning/")
    shot(page, "trainee my learning")
    cards = page.locator(".card").filter(has_text=OPEN_COHORT)
    # One card under My cohorts with the decision, one under My standing.
    assert cards.filter(has_text="Admitted").count() == 1
    assert cards.filter(has_text="On track").count() == 1


def test_instructor_shows_the_code_and_the_trainee_checks_in(demo, browser, page, shot):
    enrolment = admit_demo_trainee()
    session = start_first_session(enrolment.cohort)

    # The instructor projects the check-in screen.
    login(page, demo, "instructor@example.org")
    page.goto(f"{demo}/learning/")
    page.get_by_role("link", name="My sessions and calendar feed").click()
    page.wait_for_load_state()
    shot(page, "instructor sessions")
    page.get_by_role("link", name="Check-in code").first.click()
    page.wait_for_load_state()
    shot(page, "check-in screen")
    code = page.get_by_label("Check-in code").inner_text().strip()
    assert re.fullmatch(r"\d{6}", code), code

    # The trainee, on their own phone, types the code they see.
    phone = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        trainee = phone.new_page()
        login(trainee, demo, "trainee@example.org")
        trainee.goto(f"{demo}/learning/")
        trainee.get_by_role("link", name="Check in to a session").click()
        trainee.wait_for_load_state()
        trainee.get_by_label("Check-in code").fill(f" {code[:3]} {code[3:]} ")
        shot(trainee, "trainee types the code")
        trainee.get_by_role("button", name="Check in").click()
        trainee.wait_for_load_state()
        shot(trainee, "trainee checked in")
        assert f"You are checked in to “{session.title}”: Present." in (
            trainee.locator("main").inner_text()
        )
    finally:
        phone.close()

    mark = AttendanceMark.objects.get(session=session, enrolment=enrolment)
    assert mark.status == AttendanceMark.Status.PRESENT

    # The instructor's roster, in a second tab: the projected code page keeps
    # refreshing itself, which would cut a navigation in that tab short.
    roster = page.context.new_page()
    roster.goto(f"{demo}/cohorts/manage/{session.cohort.slug}/sessions/{session.pk}/")
    shot(roster, "roster after check-in")
    present = roster.get_by_role("group", name=re.compile("Aigerim"))
    assert present.get_by_label("Present").is_checked()
