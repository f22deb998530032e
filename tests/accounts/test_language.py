import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db


def test_browser_language_redirects_unprefixed_page(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="ru-RU,ru;q=0.9,en;q=0.5")
    assert response.status_code == 302
    assert response.url == "/ru/"


def test_english_browser_stays_unprefixed(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert response.status_code == 200


def test_switcher_choice_wins_over_browser(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="ar")
    assert response.status_code == 200


def test_arabic_pages_are_right_to_left(client):
    response = client.get("/ar/")
    assert response.status_code == 200
    assert 'dir="rtl"' in response.content.decode()
    assert 'lang="ar"' in response.content.decode()


def test_logged_in_choice_is_remembered(client, user):
    client.force_login(user)
    response = client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.language == "zh-hans"
    # A new session (another device) starts in the saved language.
    client.cookies.clear()
    client.force_login(user)
    response = client.get("/learning/")
    assert response.status_code == 302
    assert response.url == "/zh-hans/learning/"


def test_api_and_health_are_never_redirected(client):
    response = client.get("/healthz", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 200


def test_signing_up_on_arabic_pages_saves_arabic_as_the_language(client):
    client.post(
        "/ar/accounts/signup/",
        {
            "email": "layla@example.org",
            "password1": "a-Long-pass-phrase-42",
            "password2": "a-Long-pass-phrase-42",
            "first_name": "Layla",
            "last_name": "Haddad",
            "time_zone": "Asia/Riyadh",
        },
    )
    user = get_user_model().objects.get(email="layla@example.org")
    assert user.language == "ar"


def test_logging_in_on_a_chinese_page_continues_in_chinese(client, user):
    user.language = ""
    user.save()
    response = client.post(
        "/zh-hans/accounts/login/", {"login": user.email, "password": "pass-1234-word"}
    )
    assert response.status_code == 302
    assert response.url == "/zh-hans/"
    home = client.get(response.url)
    assert 'lang="zh-hans"' in home.content.decode()


def test_logging_in_leads_to_the_saved_language(client, user):
    user.language = "ru"
    user.save()
    response = client.post(
        "/accounts/login/",
        {"login": user.email, "password": "pass-1234-word"},
    )
    assert response.url == "/ru/"
