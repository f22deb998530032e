"""Journey 1 (first half): a newcomer signs up, confirms the email, logs in."""

import re

import pytest
from django.core import mail

from accounts.models import OutboundEmail

from .conftest import BROWSER_DB, login

pytestmark = [pytest.mark.browser, BROWSER_DB]


def test_newcomer_signs_up_confirms_email_and_sees_my_learning(demo, page, shot):
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
    assert "Asia/Tashkent" in page.locator("main").inner_text()


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
