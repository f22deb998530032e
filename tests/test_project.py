"""The foundation: health check, settings safety, home page, demo data."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.django_db


def test_healthz_reports_each_dependency(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "ok"
    assert data["checks"]["database"] == "ok"
    assert data["checks"]["cache"] == "ok"
    assert data["checks"]["broker"] in ("ok", "eager")


def test_healthz_is_503_when_the_database_is_down(client, monkeypatch):
    from training import views

    def broken():
        raise ConnectionError("database unreachable")

    monkeypatch.setattr(views, "_check_database", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "down"


def test_home_page_renders_with_landmarks(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    for landmark in (
        "<header",
        "<nav",
        '<main id="main"',
        "<footer",
        'class="skip-link"',
    ):
        assert landmark in html
    assert 'lang="en"' in html


def test_signup_and_login_pages_render(client):
    assert client.get("/accounts/signup/").status_code == 200
    assert client.get("/accounts/login/").status_code == 200


def test_roles_exist_as_groups():
    from django.contrib.auth.models import Group

    names = set(Group.objects.values_list("name", flat=True))
    assert {
        "Trainees",
        "Instructors",
        "Course reviewers",
        "Office coordinators",
        "Platform admins",
    } <= names
    assert (
        Group.objects.get(name="Instructors")
        .permissions.filter(codename="access_admin")
        .exists()
    )


def _run_python(code, **env):
    full_env = {**os.environ, "DJANGO_SETTINGS_MODULE": "training.settings.dev", **env}
    full_env.pop("SECRET_KEY", None) if "SECRET_KEY" not in env else None
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
    )


def test_refuses_to_start_without_secret_key_when_debug_off():
    result = _run_python("import django; django.setup()", DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_check_deploy_is_clean():
    env = {
        "DJANGO_SETTINGS_MODULE": "training.settings.production",
        "DEBUG": "0",
        "SECRET_KEY": "k" * 20 + "Zq8!xP2@vL5#nR7$wT1%yU4^mB6&cD9*",
        "ALLOWED_HOSTS": "academy.example.org",
        "SITE_URL": "https://academy.example.org",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_seed_demo_refuses_with_debug_off(settings):
    from django.core.management.base import CommandError

    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        call_command("seed_demo")


def test_seed_demo_is_idempotent(settings, capsys):
    from django.contrib.auth import get_user_model

    settings.DEBUG = True
    call_command("seed_demo", password="demo-pass-123")
    first = get_user_model().objects.count()
    out = capsys.readouterr().out
    assert "admin@example.org" in out
    call_command("seed_demo")
    assert get_user_model().objects.count() == first
    admin = get_user_model().objects.get(email="admin@example.org")
    assert admin.check_password("demo-pass-123")


def test_my_learning_needs_login(client, user):
    assert client.get("/learning/").status_code == 302
    client.force_login(user)
    response = client.get("/learning/")
    assert response.status_code == 200
    assert "My learning" in response.content.decode()


def test_bench_view_exists_only_when_enabled(client):
    # Off by default: no extra public URL outside bench runs (a missing slash
    # is redirected first, to a page that does not exist either).
    for path in ["/bench/ping", "/bench/lookup/SRIP-0000-0000-0000-0000"]:
        assert client.get(path, follow=True).status_code == 404
