"""One word per concept: catalogue entries use the glossary's terms.

docs/glossary/terms.csv names each concept and the English words that express
it; docs/glossary/<language>.csv gives its translation, the accepted forms
(stems or inflections, as regular expressions) and words to avoid. An entry
whose English contains a concept must use one of the accepted forms in every
translated form, and none of the avoided words. docs/glossary/exceptions.csv
lists the few entries that rightly say it otherwise.
"""

import csv
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import polib
import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
GLOSSARY = ROOT / "docs" / "glossary"
LANGUAGES = ["zh_Hans", "ar", "ru", "fr", "es"]
# Placeholder names and markup are not words of the sentence: "%(cohort)s".
MARKUP = re.compile(r"%\([^)]*\)[sd]|<[^>]+>")
# Arabic short vowels, shadda, sukun, dagger alif and tatweel: optional marks.
ARABIC_MARKS = re.compile("[\u064b-\u0652\u0670\u0640]")


@dataclass(frozen=True)
class Term:
    concept: str
    english: re.Pattern
    forms: tuple[re.Pattern, ...]
    avoid: tuple[re.Pattern, ...]


def fold(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = ARABIC_MARKS.sub("", text)
    return text.replace("\u00a0", " ").replace("\u202f", " ").casefold()


def _patterns(cell: str) -> tuple[re.Pattern, ...]:
    return tuple(re.compile(fold(part)) for part in cell.split("|") if part.strip())


def _rows(name: str) -> list[dict]:
    with open(GLOSSARY / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def load_glossary(language: str) -> list[Term]:
    english = {row["concept"]: row["english"] for row in _rows("terms.csv")}
    return [
        Term(
            concept=row["concept"],
            english=re.compile(english[row["concept"]], re.IGNORECASE),
            forms=_patterns(row["forms"]),
            avoid=_patterns(row["avoid"]),
        )
        for row in _rows(f"{language}.csv")
    ]


def load_exceptions(language: str) -> set[tuple[str, str, str]]:
    return {
        (row["concept"], row["context"], row["msgid"])
        for row in _rows("exceptions.csv")
        if row["language"] == language
    }


def glossary_violations(
    po: polib.POFile, terms: list[Term], exceptions=frozenset()
) -> list[tuple[str, str, str]]:
    """(concept, msgid, translation) for each entry that leaves the glossary."""
    found = []
    for entry in po:
        if entry.obsolete or not entry.translated():
            continue
        source = MARKUP.sub(" ", f"{entry.msgid} {entry.msgid_plural or ''}")
        texts = [entry.msgstr] if entry.msgstr else list(entry.msgstr_plural.values())
        for term in terms:
            if (
                not term.english.search(source)
                or (
                    term.concept,
                    entry.msgctxt or "",
                    entry.msgid,
                )
                in exceptions
            ):
                continue
            for text in texts:
                folded = fold(text)
                uses_term = any(form.search(folded) for form in term.forms)
                if not uses_term or any(word.search(folded) for word in term.avoid):
                    found.append((term.concept, entry.msgid, text))
                    break
    return found


def catalogue(language: str) -> polib.POFile:
    return polib.pofile(str(ROOT / "locale" / language / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_uses_the_glossary_terms(language):
    found = glossary_violations(
        catalogue(language), load_glossary(language), load_exceptions(language)
    )
    assert found == [], "\n".join(
        f"{concept}: {msgid!r} -> {text!r}" for concept, msgid, text in found
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_glossary_covers_every_concept_once(language):
    concepts = [row["concept"] for row in _rows("terms.csv")]
    assert [term.concept for term in load_glossary(language)] == concepts


def test_every_exception_still_matters():
    """An exception for an entry that now follows the glossary is stale."""
    for row in _rows("exceptions.csv"):
        language = row["language"]
        terms = [t for t in load_glossary(language) if t.concept == row["concept"]]
        assert glossary_violations(catalogue(language), terms) and any(
            msgid == row["msgid"]
            for _concept, msgid, _text in glossary_violations(
                catalogue(language), terms
            )
        ), row


def _po(*entries: polib.POEntry) -> polib.POFile:
    po = polib.POFile()
    for entry in entries:
        po.append(entry)
    return po


def test_check_fails_on_an_entry_that_leaves_the_glossary():
    terms = load_glossary("ar")
    # The word for Cancel, where the glossary says إبطال.
    wrong = polib.POEntry(msgid="Revoke certificate", msgstr="إلغاء الشهادة")
    # The log-in "authentication" word for an endorsement.
    avoided = polib.POEntry(msgid="Withdraw endorsement", msgstr="سحب المصادقة التصديق")
    right = polib.POEntry(msgid="Revoke certificate", msgstr="إبطال الشهادة")
    found = glossary_violations(_po(wrong, avoided, right), terms)
    assert [(concept, text) for concept, _msgid, text in found] == [
        ("revoke", "إلغاء الشهادة"),
        ("endorsement", "سحب المصادقة التصديق"),
    ]


def test_check_reads_inflections_plurals_and_placeholders():
    ru = load_glossary("ru")
    entries = [
        # An inflected form of заверение is accepted.
        polib.POEntry(msgid="Endorsement withdrawn", msgstr="Заверение снято"),
        # A placeholder named "cohort" is not the word cohort.
        polib.POEntry(msgid="Roster: %(cohort)s", msgstr="Список: %(cohort)s"),
        # Every plural form must use the term.
        polib.POEntry(
            msgid="%(n)s endorsement to approve",
            msgid_plural="%(n)s endorsements to approve",
            msgstr_plural={0: "%(n)s заверение", 1: "%(n)s одобрения", 2: "-", 3: "-"},
        ),
    ]
    found = glossary_violations(_po(*entries), ru)
    assert [msgid for _concept, msgid, _text in found] == [
        "%(n)s endorsement to approve"
    ]
    exception = {("endorsement", "", "%(n)s endorsement to approve")}
    assert glossary_violations(_po(*entries), ru, exception) == []
