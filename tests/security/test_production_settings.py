"""Production settings refuse weak secrets and an issuer URL they would regret."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from training.settings.safety import secret_key_problem, site_url_problem

ROOT = Path(__file__).resolve().parents[2]
GOOD_KEY = "k" * 20 + "Zq8!xP2@vL5#nR7$wT1%yU4^mB6&cD9*"
GOOD = {
    "SECRET_KEY": GOOD_KEY,
    "ALLOWED_HOSTS": "academy.example.org",
    "SITE_URL": "https://academy.example.org",
}


def _start_production(**env):
    """Load the production settings in a fresh interpreter, as a server would."""
    full_env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DEBUG", "SECRET_KEY", "SITE_URL", "ALLOW_INSECURE_SITE_URL")
    }
    full_env.update(DJANGO_SETTINGS_MODULE="training.settings.production")
    full_env.update({key: value for key, value in env.items() if value is not None})
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
    )


def test_production_starts_with_a_strong_key_and_an_https_domain():
    result = _start_production(**GOOD)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"SECRET_KEY": "changeme"}, "SECRET_KEY is a placeholder"),
        ({"SITE_URL": "http://academy.example.org"}, "SITE_URL must start with https"),
        ({"SITE_URL": "https://203.0.113.7"}, "not an IP address"),
    ],
    ids=["changeme-key", "http-site-url", "ip-site-url"],
)
def test_production_refuses_to_start_with_debug_unset(change, message):
    # DEBUG is deliberately left unset: production must not rely on it.
    result = _start_production(**{**GOOD, **change})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


def test_with_object_storage_the_signing_keys_must_come_from_a_named_mount():
    shared = {**GOOD, "S3_PRIVATE_BUCKET": "academy-private"}
    refused = _start_production(**shared, SIGNING_KEYS_DIR="")
    assert refused.returncode != 0
    assert "SIGNING_KEYS_DIR must name the signing keys' mounted secret" in (
        refused.stderr
    )
    mounted = _start_production(**shared, SIGNING_KEYS_DIR="/run/secrets/srip-keys")
    assert mounted.returncode == 0, mounted.stderr
    as_value = _start_production(**shared, SIGNING_KEYS_DIR="", SIGNING_KEYS="{}")
    assert as_value.returncode == 0, as_value.stderr


def test_test_hosts_may_opt_in_to_an_insecure_site_url():
    result = _start_production(
        **{**GOOD, "SITE_URL": "http://10.0.0.5:8000", "ALLOW_INSECURE_SITE_URL": "1"}
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    "key",
    [
        "changeme",
        "django-insecure-" + "a1b2c3d4e5f6g7h8i9j0" * 3,
        "x" * 49,
        "ab" * 40,
        "CHANGEME-" + "Qw3rTy9!uI0pAs5dFg7hJk2lZx" * 2,
    ],
    ids=["placeholder", "django-insecure", "short", "few-distinct", "placeholder-long"],
)
def test_weak_secret_keys_are_refused(key):
    assert secret_key_problem(key)


def test_a_generated_secret_key_is_accepted():
    import secrets

    assert secret_key_problem(secrets.token_urlsafe(50)) is None
    assert secret_key_problem(GOOD_KEY) is None


@pytest.mark.parametrize(
    "url",
    [
        "http://academy.example.org",
        "https://127.0.0.1:8000",
        "https://[::1]",
        "https://localhost",
        "https://",
    ],
)
def test_site_urls_that_cannot_name_an_issuer_are_refused(url):
    assert site_url_problem(url)


def test_an_https_domain_is_a_good_site_url():
    assert site_url_problem("https://academy.example.org") is None
    assert site_url_problem("https://academy.example.org:8443") is None
