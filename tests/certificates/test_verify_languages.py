"""The verification pages (language-neutral URLs, printed in QR codes) render in
every interface language: chosen in the switcher, saved for the user, or asked
for by the browser."""

import pytest
from django.conf import settings
from django.utils import translation

from certificates.services import certificate_issue
from training import dates

from .factories import CompletedEnrolmentFactory

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES]


@pytest.fixture
def certificate():
    return certificate_issue(
        enrolment=CompletedEnrolmentFactory(user__native_name="王芳")
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_verify_pages_render_in_every_language(client, certificate, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    direction = "rtl" if language == "ar" else "ltr"
    for url in ("/verify/", f"/verify/{certificate.code}/"):
        response = client.get(url)
        assert response.status_code == 200, url  # same address, no redirect
        html = response.content.decode()
        assert f'<html lang="{language}" dir="{direction}">' in html
        assert response["Content-Language"] == language
    # Dates on the record are in that language (CLDR's long form).
    with translation.override(language):
        issued = dates.format_day(certificate.issued_at)
    assert str(certificate.issued_at.year) in issued
    assert issued in html


def test_browser_language_is_used_without_a_cookie(client, certificate):
    response = client.get(f"/verify/{certificate.code}/", HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 200
    assert '<html lang="ru"' in response.content.decode()
    assert "Accept-Language" in response["Vary"]


def test_saved_language_of_a_logged_in_user(client, certificate, user):
    user.language = "zh-hans"
    user.save()
    client.force_login(user)
    response = client.get("/verify/")
    assert '<html lang="zh-hans"' in response.content.decode()
