"""Staff reach the Wagtail admin only through allauth's login, second factor included."""

import pytest
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.contrib.auth import get_user_model

from .conftest import BROWSER_DB, DEMO_PASSWORD

pytestmark = [pytest.mark.browser, BROWSER_DB]

REVIEWER = "reviewer@example.org"


def test_staff_with_totp_log_in_to_the_admin_through_the_second_step(demo, page, shot):
    secret = generate_totp_secret()
    TOTP.activate(get_user_model().objects.get(email=REVIEWER), secret)

    # The admin's own address sends them to the site's login, keeping the way back.
    page.goto(f"{demo}/admin/")
    assert page.url == f"{demo}/accounts/login/?next=/admin/"
    shot(page, "admin sends to login")
    page.get_by_label("Email:").fill(REVIEWER)
    page.get_by_label("Password:").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_load_state()

    # The password alone is not enough: the two-factor step.
    assert "/accounts/2fa/authenticate/" in page.url
    assert page.get_by_role("heading", name="Two-Factor Authentication").is_visible()
    shot(page, "two-factor step")
    counter = next(yield_hotp_counters_from_time())
    page.get_by_placeholder("Code").fill(format_hotp_value(hotp_value(secret, counter)))
    with page.expect_navigation():
        page.get_by_role("button", name="Sign In").click()

    assert page.url == f"{demo}/admin/"
    assert page.get_by_role("heading", name="Silk Road IP Academy").first.is_visible()
    shot(page, "wagtail dashboard")
