import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def _signup(client, email="new.trainee@example.org"):
    return client.post(
        "/accounts/signup/",
        {
            "email": email,
            "password1": "a-Long-pass-phrase-42",
            "password2": "a-Long-pass-phrase-42",
            "first_name": "Fatima",
            "last_name": "Al-Sayed",
            "time_zone": "Asia/Riyadh",
        },
    )


def test_signup_confirm_and_login(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = _signup(client)
    assert response.status_code == 302
    user = get_user_model().objects.get(email="new.trainee@example.org")
    assert user.time_zone == "Asia/Riyadh"

    # Mandatory verification: logging in before confirming is refused.
    client.logout()
    response = client.post(
        "/accounts/login/",
        {"login": "new.trainee@example.org", "password": "a-Long-pass-phrase-42"},
    )
    assert "/accounts/confirm-email/" in response.url

    assert len(mail.outbox) >= 1
    body = mail.outbox[0].body
    link = re.search(r"http://testserver(/accounts/confirm-email/[^\s]+/)", body).group(
        1
    )
    response = client.get(link)
    assert response.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(link)
    assert response.status_code == 302
    assert user.emailaddress_set.get().verified

    client.logout()
    response = client.post(
        "/accounts/login/",
        {"login": "new.trainee@example.org", "password": "a-Long-pass-phrase-42"},
        follow=True,
    )
    assert response.context["user"].is_authenticated


def test_signup_with_taken_email_creates_no_account_and_reveals_nothing(
    client, user, django_capture_on_commit_callbacks
):
    # allauth prevents account enumeration: same answer as a new sign-up, and
    # the owner of the address is told by email instead.
    with django_capture_on_commit_callbacks(execute=True):
        response = _signup(client, email=user.email)
    assert response.status_code == 302
    assert get_user_model().objects.filter(email=user.email).count() == 1
    assert mail.outbox[-1].to == [user.email]


def test_login_attempts_are_rate_limited(client, user):
    for _ in range(6):
        client.post("/accounts/login/", {"login": user.email, "password": "wrong"})
    # Even the right password is refused until the window passes.
    response = client.post(
        "/accounts/login/", {"login": user.email, "password": "pass-1234-word"}
    )
    assert not response.wsgi_request.user.is_authenticated
    assert "Too many failed login attempts" in response.content.decode()


def test_failed_logins_of_one_account_do_not_lock_out_the_address(client):
    # A classroom behind one NAT: several trainees mistype, one hammers.
    trainees = UserFactory.create_batch(4)
    for trainee in trainees[:3]:
        for _ in range(6):
            client.post(
                "/accounts/login/", {"login": trainee.email, "password": "wrong"}
            )
    response = client.post(
        "/accounts/login/",
        {"login": trainees[3].email, "password": "pass-1234-word"},
    )
    assert response.status_code == 302
    assert response.wsgi_request.user == trainees[3]


def test_password_reset_sends_email(client, user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/password/reset/", {"email": user.email})
    assert response.status_code == 302
    assert mail.outbox[-1].to == [user.email]
    assert "/accounts/password/reset/key/" in mail.outbox[-1].body


def test_mfa_setup_page_is_available(client, user):
    # A real log-in (not force_login): allauth asks for recent authentication.
    client.force_login(user)
    response = client.post(
        "/accounts/reauthenticate/?next=/accounts/2fa/totp/activate/",
        {"password": "pass-1234-word"},
        follow=True,
    )
    assert response.status_code == 200
    assert "data:image/svg+xml" in response.content.decode()  # the QR code
    response = client.get("/accounts/2fa/")
    assert response.status_code == 200


def test_profile_saves_time_zone(client, user):
    client.force_login(user)
    response = client.post(
        "/accounts/profile/",
        {
            "first_name": "Ivan",
            "last_name": "Petrov",
            "native_name": "Иван Петров",
            "time_zone": "Europe/Moscow",
            "language": "ru",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.native_name == "Иван Петров"
    assert user.time_zone == "Europe/Moscow"


def test_profile_rejects_unknown_time_zone(client, user):
    client.force_login(user)
    response = client.post(
        "/accounts/profile/",
        {"first_name": "A", "last_name": "B", "time_zone": "Mars/Olympus"},
    )
    assert response.status_code == 200
    assert "time_zone" in response.context["form"].errors
