"""Every log-in goes through allauth: the admin's own login pages only redirect."""

from urllib.parse import parse_qs, urlsplit

import pytest
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)

from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "pass-1234-word"  # UserFactory's
ALLAUTH_LOGIN = "/accounts/login/"


def _target(response) -> tuple[str, str | None]:
    """Where a redirect leads: its path and its `next` parameter."""
    url = urlsplit(response.url)
    return url.path, parse_qs(url.query).get("next", [None])[0]


def _logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def _staff(**kwargs):
    return UserFactory(is_staff=True, is_superuser=True, **kwargs)


@pytest.mark.parametrize(
    ("door", "next_url"),
    [
        ("/admin/login/", "/admin/pages/"),
        ("/django-admin/login/", "/django-admin/accounts/user/"),
        ("/_util/login/", "/courses/"),
    ],
)
def test_a_correct_password_at_another_door_gives_no_session(client, door, next_url):
    user = _staff()
    response = client.post(
        f"{door}?next={next_url}",
        {"username": user.email, "password": PASSWORD, "next": next_url},
    )
    assert response.status_code == 302
    assert _target(response) == (ALLAUTH_LOGIN, next_url)
    assert not _logged_in(client)


def test_admin_login_sends_to_allauth_and_back_to_the_admin(client):
    assert _target(client.get("/admin/login/")) == (ALLAUTH_LOGIN, "/admin/")
    # Wagtail's own redirect for anonymous visitors passes by that door.
    response = client.get("/admin/pages/", follow=True)
    assert response.redirect_chain[-1][0] == f"{ALLAUTH_LOGIN}?next=/admin/pages/"


def test_admin_login_refuses_an_outside_next(client):
    response = client.get("/admin/login/?next=https://evil.example/")
    assert _target(response) == (ALLAUTH_LOGIN, "/admin/")


def test_logged_in_user_without_admin_access_is_not_bounced_for_ever(client):
    client.force_login(UserFactory())
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0] == "/"
    assert "You do not have permission to access the admin." in (
        response.content.decode()
    )


def test_logged_in_staff_at_the_admin_door_goes_on_to_the_admin(client):
    client.force_login(_staff())
    assert client.get("/admin/login/?next=/admin/pages/").url == "/admin/pages/"


def test_totp_user_entering_by_the_admin_door_meets_the_second_factor(client):
    user = _staff()
    secret = generate_totp_secret()
    TOTP.activate(user, secret)

    login_url = client.get("/admin/", follow=True).redirect_chain[-1][0]
    assert login_url == f"{ALLAUTH_LOGIN}?next=/admin/"
    response = client.post(login_url, {"login": user.email, "password": PASSWORD})
    assert response.url.startswith("/accounts/2fa/authenticate/")
    assert not _logged_in(client)
    # The admin stays closed until the code is given: back to the second step.
    chain = client.get("/admin/", follow=True).redirect_chain
    assert chain[-1][0].startswith("/accounts/2fa/authenticate/")

    code = format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))
    response = client.post(response.url, {"code": code})
    assert response.url == "/admin/"
    assert _logged_in(client)
    assert client.get("/admin/").status_code == 200


def test_unverified_user_cannot_get_in_by_the_admin_door(client):
    user = _staff(verified=False)
    response = client.post(
        "/admin/login/", {"username": user.email, "password": PASSWORD}
    )
    assert _target(response) == (ALLAUTH_LOGIN, "/admin/")
    response = client.post(response.url, {"login": user.email, "password": PASSWORD})
    assert "/accounts/confirm-email/" in response.url
    assert not _logged_in(client)
    assert client.get("/admin/", follow=True).request["PATH_INFO"] == ALLAUTH_LOGIN


def test_after_failed_attempts_the_admin_door_is_no_way_round_throttling(client):
    user = _staff()
    for _ in range(6):
        client.post(
            f"{ALLAUTH_LOGIN}?next=/admin/", {"login": user.email, "password": "x"}
        )
    response = client.post(
        "/admin/login/", {"username": user.email, "password": PASSWORD}
    )
    assert not _logged_in(client)
    response = client.post(response.url, {"login": user.email, "password": PASSWORD})
    assert "Too many failed login attempts" in response.content.decode()
    assert not _logged_in(client)


def test_wagtail_logout_ends_at_allauth_login(client):
    client.force_login(_staff())
    response = client.post("/admin/logout/", follow=True)
    assert not _logged_in(client)
    assert response.redirect_chain[-1][0].startswith(ALLAUTH_LOGIN)


def test_wagtail_password_reset_is_off(client):
    assert client.get("/admin/password_reset/").status_code == 404


def test_wagtail_account_page_changes_neither_password_nor_email(client):
    # allauth's pages do, with their notifications and email verification.
    client.force_login(_staff())
    html = client.get("/admin/account/").content.decode()
    assert 'name="password-' not in html
    assert 'name="name_email-email"' not in html


# ---- the Django admin: superusers only ----


def test_django_admin_opens_for_a_superuser(client):
    client.force_login(_staff())
    assert client.get("/django-admin/").status_code == 200


def test_anonymous_django_admin_visitor_is_sent_to_allauth(client):
    response = client.get("/django-admin/", follow=True)
    assert response.redirect_chain[-1][0] == f"{ALLAUTH_LOGIN}?next=/django-admin/"


@pytest.mark.parametrize("is_staff", [True, False])
def test_django_admin_is_closed_to_everyone_but_superusers(client, is_staff):
    client.force_login(UserFactory(is_staff=is_staff))
    response = client.get("/django-admin/", follow=True)
    assert response.status_code == 403
    assert "Site administration" not in response.content.decode()
