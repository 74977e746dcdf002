"""The web app's Dutch catalogue: complete, translated, consistent with the code and the .mo.

Every UI text of the web app has one source: ``src/tandem/web/locale/nl/LC_MESSAGES/
django.po`` (one project catalogue; docs/translations.md). These tests fail on an
untranslated, fuzzy or obsolete entry, on a placeholder lost in translation, on a text
in the code that is not in the catalogue (or an entry no code uses any more), and on a
committed ``django.mo`` that is not the compiled ``django.po``.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import polib
import pytest
from django.core.management import call_command
from django.test import override_settings

WEB = Path(__file__).resolve().parents[2] / "src" / "tandem" / "web"
LOCALE = WEB / "locale"
PO = LOCALE / "nl" / "LC_MESSAGES" / "django.po"
# The exact options of the documented makemessages run (docs/translations.md).
MAKEMESSAGES = {"locale": ["nl"], "extensions": ["html", "txt", "py"], "no_location": True,
                "no_wrap": True, "no_obsolete": True, "verbosity": 0}
PLACEHOLDER = re.compile(r"%(?:\(\w+\))?[-#0 +]*\d*(?:\.\d+)?[sdifrx%]|\{\w*\}")

Key = tuple[str | None, str, str]


def _key(entry: polib.POEntry | polib.MOEntry) -> Key:
    return (entry.msgctxt or None, entry.msgid, entry.msgid_plural or "")


def _catalogue(path: Path = PO) -> polib.POFile:
    return polib.pofile(str(path))


def test_the_web_app_has_one_catalogue() -> None:
    catalogues = sorted(p.relative_to(WEB) for p in WEB.rglob("*.po"))
    assert catalogues == [PO.relative_to(WEB)]
    assert len(_catalogue()) > 500


def test_every_entry_is_translated_and_none_is_fuzzy_or_obsolete() -> None:
    po = _catalogue()
    assert po.metadata["Language"] == "nl"
    assert po.metadata["Plural-Forms"] == "nplurals=2; plural=(n != 1);"
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []
    assert [e.msgid for e in po.obsolete_entries()] == []
    for entry in po:
        if entry.msgid_plural:
            assert sorted(entry.msgstr_plural) == [0, 1], entry.msgid
            assert all(text.strip() for text in entry.msgstr_plural.values()), entry.msgid
        else:
            assert entry.msgstr.strip(), entry.msgid


def test_placeholders_survive_translation() -> None:
    wrong = []
    for entry in _catalogue():
        pairs = ([(entry.msgid, entry.msgstr_plural[0]),
                  (entry.msgid_plural, entry.msgstr_plural[1])]
                 if entry.msgid_plural else [(entry.msgid, entry.msgstr)])
        for source, translation in pairs:
            if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(translation)):
                wrong.append((source, translation))
    assert wrong == []


def test_the_committed_mo_is_the_compiled_po() -> None:
    """Compared entry by entry (polib reads both), so no msgfmt is needed in CI."""
    po = _catalogue()
    expected = {_key(e): (e.msgstr, tuple(sorted(e.msgstr_plural.items())))
                for e in po.translated_entries()}
    mo = polib.mofile(str(PO.with_suffix(".mo")))
    compiled = {_key(e): (e.msgstr, tuple(sorted(e.msgstr_plural.items())))
                for e in mo if e.msgid}
    missing = sorted(set(expected) - set(compiled), key=str)
    extra = sorted(set(compiled) - set(expected), key=str)
    differ = sorted((k for k in set(expected) & set(compiled) if expected[k] != compiled[k]),
                    key=str)
    hint = "run: python -m tandem.web compilemessages (docs/translations.md)"
    assert (missing, extra, differ) == ([], [], []), hint


@pytest.mark.skipif(any(shutil.which(tool) is None for tool in ("xgettext", "msgmerge")),
                    reason="GNU gettext (xgettext, msgmerge) is not installed: "
                           "apt-get install gettext")
def test_the_catalogue_holds_exactly_the_texts_of_the_code(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """makemessages on a copy of the web app changes no msgid: none missing, none stale."""
    copy = tmp_path / "web"
    shutil.copytree(WEB, copy, ignore=shutil.ignore_patterns("__pycache__", "static", "*.mo"))
    monkeypatch.chdir(copy)
    with override_settings(LOCALE_PATHS=[copy / "locale"]):
        call_command("makemessages", **MAKEMESSAGES)
    fresh = {_key(e) for e in _catalogue(copy / PO.relative_to(WEB)) if not e.obsolete}
    committed = {_key(e) for e in _catalogue()}
    hint = "run makemessages and translate (docs/translations.md)"
    assert sorted(fresh - committed, key=str) == [], "not in the catalogue; " + hint
    assert sorted(committed - fresh, key=str) == [], "no longer in the code; " + hint
