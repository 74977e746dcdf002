"""The starter glossary: the terms Sales and Marketing most often dispute, as data.

The article's step "van defined naar aligned" asks both departments to learn each
other's jargon. Disputes about figures are very often disputes about words ("that was
never a qualified lead"), so every organisation starts from the same list of such
terms, in Dutch and English, with a definition, and for the stages of the lead funnel
the entry and exit criteria and an owner. The wording lives in
``tandem/roadmap/data/glossary-1.toml`` so it can change without touching code; this
module validates it on load and reports every problem at once. No Django import: the
web app, the CLI and the reports can all use it.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from tandem.i18n import LANGUAGES, Text

DEFAULT_GLOSSARY = "glossary-1"
#: Who may own a term: the three functions, management, or Sales and Marketing jointly.
OWNERS: tuple[str, ...] = ("marketing", "sales", "service", "management", "joint")
_KEYS = frozenset({"key", "stage", "owner", "term", "definition", "entry", "exit"})


class GlossaryDataError(ValueError):
    """The glossary data file is invalid; ``problems`` lists every problem found."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("invalid glossary data:\n" + "\n".join(f"  - {p}" for p in problems))


@dataclass(frozen=True, slots=True)
class SeedTerm:
    """One term as shipped; an organisation's own wording is kept in the web app."""

    key: str
    stage: bool
    owner: str
    term: Text
    definition: Text
    entry: Text
    exit: Text


def _text(raw: object, where: str, problems: list[str], *, required: bool) -> Text:
    if not isinstance(raw, Mapping):
        problems.append(f"{where}: expected a table with 'nl' and 'en'")
        return Text("", "")
    for lang in LANGUAGES:
        value = raw.get(lang)
        if not isinstance(value, str) or (required and not value.strip()):
            problems.append(f"{where}: missing {lang!r} text")
    return Text(nl=str(raw.get("nl", "")), en=str(raw.get("en", "")))


def parse_glossary(raw: Mapping[str, Any]) -> tuple[SeedTerm, ...]:
    """Validate raw glossary data; raise :class:`GlossaryDataError` with every problem."""
    problems: list[str] = []
    rows = raw.get("terms")
    if not isinstance(rows, list) or not rows:
        raise GlossaryDataError(["no [[terms]] found"])
    terms: list[SeedTerm] = []
    for n, row in enumerate(rows, 1):
        if not isinstance(row, Mapping):
            problems.append(f"term #{n}: expected a table")
            continue
        key = row.get("key")
        where = f"term {key!r}" if isinstance(key, str) else f"term #{n}"
        if not isinstance(key, str) or not key.isidentifier():
            problems.append(f"{where}: key must be a simple identifier")
        for extra in sorted(set(row) - _KEYS):
            problems.append(f"{where}: unknown key {extra!r}")
        owner = row.get("owner")
        if owner not in OWNERS:
            problems.append(f"{where}: owner {owner!r} is not one of {', '.join(OWNERS)}")
        stage = row.get("stage", False)
        if not isinstance(stage, bool):
            problems.append(f"{where}: stage must be true or false")
        entry = _text(row.get("entry", {}), f"{where}.entry", problems, required=bool(stage))
        exit_ = _text(row.get("exit", {}), f"{where}.exit", problems, required=bool(stage))
        terms.append(
            SeedTerm(
                key=str(key),
                stage=bool(stage),
                owner=str(owner),
                term=_text(row.get("term"), f"{where}.term", problems, required=True),
                definition=_text(
                    row.get("definition"), f"{where}.definition", problems, required=True
                ),
                entry=entry,
                exit=exit_,
            )
        )
    for key, count in Counter(t.key for t in terms).items():
        if count > 1:
            problems.append(f"duplicate key {key!r} ({count} times)")
    if problems:
        raise GlossaryDataError(problems)
    return tuple(terms)


@cache
def load_glossary(name: str = DEFAULT_GLOSSARY) -> tuple[SeedTerm, ...]:
    """The shipped starter glossary, validated."""
    resource = resources.files("tandem.roadmap") / "data" / f"{name}.toml"
    return parse_glossary(tomllib.loads(resource.read_text("utf-8")))


__all__ = ["DEFAULT_GLOSSARY", "OWNERS", "GlossaryDataError", "SeedTerm", "load_glossary",
           "parse_glossary"]
