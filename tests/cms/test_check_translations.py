"""The CI check for untranslated interface strings."""

import polib
import pytest
from django.core.management import CommandError, call_command

from cms.management.commands.check_translations import template_msgids, untranslated


def _catalogue(folder, entries):
    po = polib.POFile()
    for msgid, msgstr in entries:
        po.append(polib.POEntry(msgid=msgid, msgstr=msgstr))
    path = folder / "ru" / "LC_MESSAGES"
    path.mkdir(parents=True)
    po.save(str(path / "django.po"))
    return po


def test_template_strings_are_found(tmp_path):
    template = tmp_path / "t.html"
    template.write_text(
        '{% load i18n %}<h1>{% translate "Verify a certificate" %}</h1>'
        "{% blocktranslate with n=x %}Code {{ n }}{% endblocktranslate %}"
        "{% translate 'May' context 'month' %}"
    )
    found = template_msgids([template])
    assert ("", "Verify a certificate") in found
    assert ("", "Code %(n)s") in found
    assert ("month", "May") in found


def test_untranslated_fuzzy_and_unextracted_strings_are_reported():
    po = polib.POFile()
    po.append(polib.POEntry(msgid="Done", msgstr="Готово"))
    po.append(polib.POEntry(msgid="Empty", msgstr=""))
    po.append(polib.POEntry(msgid="Guess", msgstr="Догадка", flags=["fuzzy"]))
    po.append(polib.POEntry(msgid="Elsewhere", msgstr=""))
    wanted = {("", "Done"), ("", "Empty"), ("", "Guess"), ("", "New")}
    assert untranslated(po, wanted) == ["Empty", "Guess", "New"]
    assert untranslated(po, None) == ["Empty", "Guess", "Elsewhere"]


def test_command_fails_on_an_incomplete_catalogue(tmp_path):
    _catalogue(tmp_path, [("Done", "Готово"), ("Empty", "")])
    with pytest.raises(CommandError, match="1 untranslated"):
        call_command("check_translations", "--all", locale_dir=str(tmp_path))


def test_command_passes_on_a_complete_catalogue(tmp_path, capsys):
    _catalogue(tmp_path, [("Done", "Готово")])
    call_command("check_translations", "--all", locale_dir=str(tmp_path))
    assert "ru: complete" in capsys.readouterr().out
