"""Journey 1: a newcomer signs up, confirms the email, applies to the open cohort."""

import re

import pytest
from django.core import mail

from accounts.models import OutboundEmail
from cohorts.models import Enrolment

from .conftest import BROWSER_DB, login

pytestmark = [pytest.mark.browser, BROWSER_DB]


def test_newcomer_signs_up_confirms_email_and_applies_to_the_open_cohort(
    demo, page, shot
):
    email = "new.examiner@example.org"
    password = "a-Long-pass-phrase-42"

    page.goto(f"{demo}/")
    shot(page, "home")
    page.get_by_role("link", name="Sign up").click()
    page.get_by_label("Email:").fill(email)
    page.get_by_label("Password:", exact=True).fill(password)
    page.get_by_label("Password (again):").fill(password)
    page.get_by_label("Given name:").fill("Dana")
    page.get_by_label("Family name:").fill("Rahimova")
    page.get_by_label("Time zone:").select_option("Asia/Tashkent")
    shot(page, "signup form filled")
    page.get_by_role("button", name="Sign Up").click()
    page.wait_for_load_state()
    shot(page, "check your email")
    assert "/accounts/confirm-email/" in page.url

    # The confirmation email went through the outbox and was sent.
    record = OutboundEmail.objects.get(to=[email])
    assert record.status == OutboundEmail.Status.SENT
    sent = [m for m in mail.outbox if m.to == [email]]
    assert len(sent) == 1
    link = re.search(r"https?://\S+(/accounts/confirm-email/\S+/)", sent[0].body)
    assert link, sent[0].body

    page.goto(demo + link.group(1))
    shot(page, "confirm email")
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_load_state()
    shot(page, "confirmed and logged in")

    page.get_by_role("button", name="Log out").click()
    page.wait_for_load_state()
    login(page, demo, email, password)
    page.get_by_role("link", name="My learning").click()
    page.wait_for_load_state()
    shot(page, "my learning")
    assert page.get_by_role("heading", level=1).inner_text() == "My learning"
    assert "Uzbekistan Standard Time (GMT+05:00)" in page.locator("main").inner_text()

    # Apply to the open cohort, naming the office that nominates them.
    page.get_by_role("link", name="See open cohorts").click()
    page.wait_for_load_state()
    shot(page, "open cohorts")
    page.get_by_role("link", name="Eurasian PPH workshop with WIPO").first.click()
    page.wait_for_load_state()
    shot(page, "cohort page")
    page.get_by_role("link", name="Apply").click()
    page.wait_for_load_state()
    page.get_by_label("Nominating office").select_option(
        label="World Intellectual Property Organization (WIPO)"
    )
    page.get_by_label("Employer").fill("Ministry of Justice, Uzbekistan")
    page.get_by_label("Position").fill("Patent examiner")
    page.get_by_label("Motivation").fill(
        "I examine PPH requests and want to use partner offices' results well."
    )
    shot(page, "application filled")
    page.get_by_role("button", name="Send application").click()
    page.wait_for_load_state()
    shot(page, "application sent")
    main = page.locator("main").inner_text()
    assert "Your application has been sent" in main
    row = page.get_by_role("row").filter(has_text="Eurasian PPH workshop with WIPO")
    assert "World Intellectual Property Organization (WIPO)" in row.inner_text()
    assert "Applied" in row.inner_text()

    enrolment = Enrolment.objects.get(user__email=email)
    assert enrolment.office.short_code == "wipo"
    assert enrolment.status == Enrolment.Status.APPLIED
    assert OutboundEmail.objects.filter(to=[email]).count() >= 2  # + the receipt


def test_script_in_a_name_stays_text(demo, page, shot):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    hostile = '<img src=x onerror=alert("name")><script>alert("name")</script>'
    login(page, demo, "trainee@example.org")
    page.goto(f"{demo}/accounts/profile/")
    page.locator("#id_native_name").fill(hostile)
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    shot(page, "profile saved with a hostile name")
    assert page.get_by_text("Your profile has been saved.").is_visible()
    assert page.locator("#id_native_name").input_value() == hostile
    assert page.locator("main img").count() == 0
    assert dialogs == []
