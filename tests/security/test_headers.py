"""Security headers and the Content Security Policy on the public site."""

import re

import pytest

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = ["/", "/accounts/login/", "/accounts/signup/", "/ar/accounts/login/"]


def _csp(response) -> dict[str, str]:
    header = response.headers["Content-Security-Policy"]
    return {
        part.split()[0]: part.split(None, 1)[1] if " " in part else ""
        for part in (p.strip() for p in header.split(";"))
        if part
    }


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_pages_send_security_headers(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "SAMEORIGIN"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response.headers["Permissions-Policy"]
    assert "geolocation=()" in response.headers["Permissions-Policy"]


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_csp_allows_only_own_scripts(client, url):
    policy = _csp(client.get(url))
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'"
    assert "unsafe" not in policy["style-src"]
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'self'"
    assert policy["base-uri"] == "'self'"


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_pages_have_no_inline_script(client, url):
    # The policy would block them; better to know from a test than from a
    # broken page.
    html = client.get(url).content.decode()
    inline = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert inline == [], inline
    assert not re.search(r"\son[a-z]+=", html), "inline event handler"


def test_logged_in_pages_send_the_policy(client, user):
    client.force_login(user)
    response = client.get("/learning/")
    assert response.status_code == 200
    assert _csp(response)["script-src"] == "'self'"


def test_wagtail_admin_is_excluded_from_the_policy(client, staff_user):
    # The admin needs inline scripts; it is protected by login instead.
    client.force_login(staff_user)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "Content-Security-Policy" not in response.headers
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_permissions_policy_serialises_origins():
    from training.middleware import _permissions_policy

    assert (
        _permissions_policy({"camera": ["self"], "usb": [], "x": ["https://a.org"]})
        == 'camera=(self), usb=(), x=("https://a.org")'
    )


def test_admin_loads_no_avatar_from_an_outside_service(client, staff_user):
    client.force_login(staff_user)
    page = client.get("/admin/").content.decode()
    assert "gravatar" not in page.lower()
    assert "<img" not in page or 'src="//' not in page
