"""The interface speaks six languages: complete catalogues, translated pages.

The catalogue checks run in CI; the extraction check needs GNU gettext (which
`.ci/run` installs) and fails when a string in the code is missing from the
shipped .po files, so new strings cannot ship untranslated.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse

from tests.accounts.factories import UserFactory

ROOT = Path(settings.BASE_DIR)
LANGUAGES = {  # URL prefix / Accept-Language -> catalogue folder
    "zh-hans": "zh_Hans",
    "ar": "ar",
    "ru": "ru",
    "fr": "fr",
    "es": "es",
}
PLACEHOLDER = re.compile(r"%\([a-z_0-9]+\)[sd]|%[sd]")


def catalogue(folder: str) -> polib.POFile:
    return polib.pofile(str(ROOT / "locale" / folder / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("folder", sorted(LANGUAGES.values()))
def test_catalogue_is_complete(folder):
    po = catalogue(folder)
    assert len(po) > 500, "the catalogue looks truncated"
    untranslated = [e.msgid for e in po.untranslated_entries() if not e.obsolete]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert untranslated == [], f"{len(untranslated)} untranslated: {untranslated[:5]}"
    assert fuzzy == [], f"{len(fuzzy)} fuzzy: {fuzzy[:5]}"


@pytest.mark.parametrize("folder", sorted(LANGUAGES.values()))
def test_translations_keep_their_placeholders(folder):
    """A lost or renamed %(name)s would crash the page or drop a value."""
    broken = []
    for entry in catalogue(folder).translated_entries():
        if entry.msgid_plural:
            # Some plural forms may spell the number out (Arabic "two hours"),
            # but never invent a placeholder.
            allowed = set(PLACEHOLDER.findall(entry.msgid_plural)) | set(
                PLACEHOLDER.findall(entry.msgid)
            )
            for form in entry.msgstr_plural.values():
                if not set(PLACEHOLDER.findall(form)) <= allowed:
                    broken.append(entry.msgid)
        elif sorted(PLACEHOLDER.findall(entry.msgid)) != sorted(
            PLACEHOLDER.findall(entry.msgstr)
        ):
            broken.append(entry.msgid)
    assert broken == []


def translated(folder: str, msgid: str) -> str:
    entry = catalogue(folder).find(msgid)
    assert entry and entry.msgstr, f"{msgid!r} has no {folder} translation"
    return entry.msgstr


@pytest.mark.django_db
@pytest.mark.parametrize("prefix,folder", sorted(LANGUAGES.items()))
def test_trainee_pages_are_served_translated(client, prefix, folder):
    client.force_login(UserFactory())
    page = client.get(f"/{prefix}/learning/")
    assert page.status_code == 200
    html = page.content.decode()
    assert f'lang="{prefix}"' in html
    assert translated(folder, "My learning") in html
    cohorts = client.get(f"/{prefix}/cohorts/").content.decode()
    assert translated(folder, "Cohorts") in cohorts


@pytest.mark.django_db
@pytest.mark.parametrize("prefix,folder", sorted(LANGUAGES.items()))
def test_verification_page_speaks_the_visitors_language(client, prefix, folder):
    # Printed URLs have no language prefix: the browser's language decides.
    page = client.get(reverse("certificates:verify_form"), HTTP_ACCEPT_LANGUAGE=prefix)
    assert page.status_code == 200
    html = page.content.decode()
    assert f'lang="{prefix}"' in html
    assert translated(folder, "Verify a certificate") in html
    if prefix == "ar":
        assert 'dir="rtl"' in html


def test_every_string_in_the_code_is_in_the_catalogues(tmp_path):
    """Extract the strings afresh and compare with the shipped catalogue."""
    if not shutil.which("xgettext"):
        if os.environ.get("REQUIRE_SERVICES") == "1":
            pytest.fail("GNU gettext (xgettext) is needed for the extraction check")
        pytest.skip("GNU gettext (xgettext) is not installed")
    copy = tmp_path / "project"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(
            ".venv", "node_modules", "var", "artifacts", ".git", "*.mo", "__pycache__"
        ),
    )
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            "fr",
            "--no-location",
            "--ignore=.venv",
            "--ignore=node_modules",
            "--ignore=var",
            "-v0",
        ],
        cwd=copy,
        check=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "training.settings.test"},
    )
    extracted = {
        e.msgid
        for e in polib.pofile(str(copy / "locale/fr/LC_MESSAGES/django.po"))
        if not e.obsolete
    }
    shipped = {e.msgid for e in catalogue("fr") if e.translated()}
    missing = sorted(extracted - shipped)
    assert missing == [], (
        f"{len(missing)} strings are not translated; run `make makemessages` "
        f"and translate them: {missing[:10]}"
    )


# One English label, two meanings: each meaning has its own context in the
# code, and every catalogue words them differently.
TWO_MEANINGS = [
    ("Late", ["attendance status", "late submission"]),
    ("Completed", ["cohort status", "trainee result"]),
]


@pytest.mark.parametrize("folder", sorted(LANGUAGES.values()))
def test_short_labels_with_two_meanings_read_differently(folder):
    po = catalogue(folder)
    for msgid, contexts in TWO_MEANINGS:
        words = [po.find(msgid, msgctxt=context).msgstr for context in contexts]
        assert len(set(words)) == len(contexts), (msgid, words)


def test_status_labels_speak_of_what_they_label():
    from django.utils import translation

    from cohorts.models import AttendanceMark, Cohort, Enrolment

    with translation.override("zh-hans"):
        assert AttendanceMark.Status.LATE.label == "迟到"  # arrived late
        assert Cohort.Status.COMPLETED.label == "已结束"
        assert Enrolment.Completion.COMPLETED.label == "已完成"
    with translation.override("ru"):
        assert Enrolment.Completion.NOT_COMPLETED.label == "Обучение не завершено"
