"""Journeys 2 and 3: an application decided in the admin; a trainee checks in.

Journey 2: the applicant's nominating office (WIPO) nominates in the Wagtail
admin, the lead office (EAPO) admits, the trainee sees it on My learning.
Journey 3: an instructor opens a session's check-in screen and the trainee
checks in with the code read from that screen.
"""

import datetime
import re

import pytest
from django.utils import timezone

from accounts import roles
from cohorts.models import AttendanceMark, Cohort, Enrolment, Office
from cohorts.services.enrolments import enrolment_apply
from tests.accounts.factories import UserFactory

from .conftest import BROWSER_DB, login

pytestmark = [pytest.mark.browser, BROWSER_DB]

OPEN_COHORT = "Eurasian PPH workshop with WIPO"
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
    card = page.locator(".card").filter(has_text=OPEN_COHORT)
    assert card.count() == 1
    assert "Admitted" in card.inner_text()
