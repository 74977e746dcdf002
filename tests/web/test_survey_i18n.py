"""Every text of the survey exists in Dutch, and the committed catalogue is up to date."""

from __future__ import annotations

import ast
import gettext
import re
from pathlib import Path

from django.utils.translation.template import templatize

from tandem.web.survey import catalogue

SURVEY = Path(catalogue.__file__).resolve().parent
CALL = re.compile(r"\b(n?gettext(?:_lazy)?)\((u'(?:[^'\\]|\\.)*'(?:, u'(?:[^'\\]|\\.)*')?)")


def _template_msgids() -> set[str | tuple[str, str]]:
    found: set[str | tuple[str, str]] = set()
    for template in (SURVEY / "templates").rglob("*.html"):
        for _name, args in CALL.findall(templatize(template.read_text("utf-8"))):
            strings = ast.literal_eval(f"({args},)")
            found.add(strings[0] if len(strings) == 1 else (strings[0], strings[1]))
    return found


def _python_msgids() -> set[str]:
    found = set()
    for module in SURVEY.glob("*.py"):
        for node in ast.walk(ast.parse(module.read_text("utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id == "_" and isinstance(node.args[0], ast.Constant)):
                found.add(str(node.args[0].value))
    return found


def test_every_survey_text_has_a_dutch_translation() -> None:
    known: set[str | tuple[str, str]] = set(catalogue.SINGULAR) | set(catalogue.PLURAL)
    used = _template_msgids() | _python_msgids()
    assert len(used) > 50
    assert used - known == set()
    assert all(text.strip() for text in catalogue.SINGULAR.values())


def test_placeholders_survive_translation() -> None:
    placeholder = re.compile(r"%\(\w+\)s")
    for msgid, msgstr in catalogue.SINGULAR.items():
        assert sorted(placeholder.findall(msgid)) == sorted(placeholder.findall(msgstr)), msgid


def test_committed_catalogue_matches_the_table() -> None:
    po = SURVEY / "locale" / "nl" / "LC_MESSAGES" / "django.po"
    assert po.read_text("utf-8") == catalogue.render(), "run python -m tandem.web.survey.catalogue"
    with (po.with_suffix(".mo")).open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for msgid, msgstr in catalogue.SINGULAR.items():
        assert compiled.gettext(msgid) == msgstr
    for (one, many), (_nl_one, nl_many) in catalogue.PLURAL.items():
        assert compiled.ngettext(one, many, 2) == nl_many
