import pytest

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
