"""Fail when a shipped .po catalogue leaves interface strings untranslated.

By default checks the strings of the trainee and verifier pages (the templates
under TRAINEE_AND_VERIFIER_TEMPLATES); `--all` checks every entry. An entry is
untranslated when its msgstr (or any plural form) is empty, or it is fuzzy
(compile_translations leaves fuzzy entries out). Used by CI (`make check-messages`).
"""

import ast
import re
from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation.template import templatize

TRAINEE_AND_VERIFIER_TEMPLATES = [
    "templates/base.html",
    "templates/includes",
    "templates/courses",
    "templates/blocks",
    "templates/cms/my_learning.html",
    "templates/cohorts/cohort_list.html",
    "templates/cohorts/cohort_detail.html",
    "templates/cohorts/cohort_apply.html",
    "templates/cohorts/includes",
    "templates/cohorts/assessments",
    "templates/cohorts/attendance/check_in.html",
    "templates/cohorts/withdraw",
    "templates/cohorts/attendance/my_calendar.html",
    "templates/certificates/verify.html",
    "templates/certificates/verify_form.html",
    "templates/certificates/verify_not_found.html",
    "templates/certificates/includes",
    "templates/account",
    "templates/allauth",
]

# What templatize turns {% translate %} / {% blocktranslate %} into.
_CALL = re.compile(r"\b(n?p?gettext)\(\s*((?:u?'(?:[^'\\]|\\.)*'\s*,?\s*)+)", re.DOTALL)
_LITERAL = re.compile(r"u?('(?:[^'\\]|\\.)*')")


def template_msgids(paths: list[Path]) -> set[tuple[str, str]]:
    """(context, msgid) pairs used by the templates under `paths`."""
    found: set[tuple[str, str]] = set()
    for root in paths:
        files = [root] if root.is_file() else sorted(root.rglob("*.html"))
        for path in files:
            source = templatize(path.read_text(encoding="utf-8"), origin=str(path))
            for function, arguments in _CALL.findall(source):
                literals = [
                    ast.literal_eval(value) for value in _LITERAL.findall(arguments)
                ]
                context = (
                    literals.pop(0)
                    if function.startswith(("pgettext", "npgettext"))
                    else ""
                )
                if literals:
                    found.add((context, literals[0]))
    return found


def untranslated(po: polib.POFile, wanted: set[tuple[str, str]] | None) -> list[str]:
    """msgids of `po` that are untranslated or fuzzy (among `wanted`, if given)."""
    missing = []
    for entry in po:
        if entry.obsolete or not entry.msgid:
            continue
        if wanted is not None and (entry.msgctxt or "", entry.msgid) not in wanted:
            continue
        forms = (
            list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        )
        if entry.fuzzy or not all(forms):
            missing.append(entry.msgid)
    if wanted is not None:
        # Strings used by the pages but not extracted into the catalogue yet.
        present = {(entry.msgctxt or "", entry.msgid) for entry in po}
        missing += sorted(msgid for context, msgid in wanted - present)
    return missing


class Command(BaseCommand):
    help = "Report untranslated strings of the trainee and verifier pages; fail if any."

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="Check every entry.")
        parser.add_argument(
            "--locale-dir", help="Catalogues to check (default: LOCALE_PATHS)."
        )

    def handle(self, *args, **options):
        base = Path(settings.BASE_DIR)
        wanted = (
            None
            if options["all"]
            else template_msgids(
                [base / path for path in TRAINEE_AND_VERIFIER_TEMPLATES]
            )
        )
        dirs = (
            [Path(options["locale_dir"])]
            if options["locale_dir"]
            else settings.LOCALE_PATHS
        )
        problems = 0
        for locale_dir in dirs:
            for po_path in sorted(Path(locale_dir).glob("*/LC_MESSAGES/django.po")):
                missing = untranslated(polib.pofile(str(po_path)), wanted)
                language = po_path.parts[-3]
                if missing:
                    problems += len(missing)
                    self.stderr.write(f"{language}: {len(missing)} untranslated")
                    for msgid in missing[: 20 if options["verbosity"] < 2 else None]:
                        self.stderr.write(f"  {msgid!r}")
                elif options["verbosity"]:
                    self.stdout.write(f"{language}: complete")
        if problems:
            raise CommandError(f"{problems} untranslated interface string(s).")
