"""The roadmap catalogue: the article's steps per transition, as versioned data.

Steps live in ``data/steps-<n>.toml`` (Dutch and English side by side) so their
wording can change without touching code. Every step names the scales it works on and
the ladder items that show it is in place; both refer to the instrument, so the
catalogue is validated against it on load and every problem is reported at once
(unknown scale or item ids, duplicate ids, a missing language, a bad transition, ...).

A step's criteria name the ladder items of every shipped version of the questionnaire;
loaded for one version, a step keeps the criteria that version has (a version-1 scan's
roadmap judges ``def_handoff``, a version-2 scan's ``def_lead_owner`` and
``def_lead_deadline``). An id in no shipped version is an error, and so is a step with
no criterion in the version it is loaded for.
"""

from __future__ import annotations

import copy
import tomllib
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal, cast

from tandem.i18n import LANGUAGES, Text
from tandem.instrument import (
    DEFAULT_INSTRUMENT,
    Instrument,
    available_instruments,
    instrument_name,
    load_instrument,
)

Transition = Literal["1-2", "2-3", "3-4"]
Tool = Literal["decision_rights", "glossary", "sla", "kpis"]
TRANSITIONS: tuple[Transition, ...] = ("1-2", "2-3", "3-4")
TOOLS: tuple[Tool, ...] = ("decision_rights", "glossary", "sla", "kpis")
DEFAULT_CATALOGUE = "steps-1"
STEP_KEYS = frozenset(
    {"id", "transition", "title", "description", "addresses_scales", "criteria", "tool"}
)
REQUIRED_STEP_KEYS = STEP_KEYS - {"tool"}


class CatalogueError(ValueError):
    """The catalogue is invalid; ``problems`` lists every problem found."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"{source}: {len(problems)} problem(s) in the roadmap catalogue:\n{lines}")


@dataclass(frozen=True, slots=True)
class Step:
    """One step of the roadmap, as the catalogue defines it."""

    id: str
    transition: Transition
    title: Text
    description: Text
    addresses_scales: tuple[str, ...]
    criteria: tuple[str, ...]
    tool: Tool | None = None

    @property
    def from_phase(self) -> int:
        return int(self.transition[0])

    @property
    def to_phase(self) -> int:
        return int(self.transition[-1])


@dataclass(frozen=True, slots=True)
class Catalogue:
    """A validated catalogue version, with the instrument its ids refer to."""

    id: str
    version: str
    steps: tuple[Step, ...]
    instrument: Instrument = field(repr=False, compare=False)

    @property
    def key(self) -> str:
        return f"{self.id}@{self.version}"

    def step(self, step_id: str) -> Step:
        for candidate in self.steps:
            if candidate.id == step_id:
                return candidate
        raise KeyError(step_id)

    def for_transition(self, transition: Transition) -> tuple[Step, ...]:
        return tuple(s for s in self.steps if s.transition == transition)


def available_catalogues() -> list[str]:
    """Names of the catalogue versions shipped with Tandem."""
    data = resources.files("tandem.roadmap") / "data"
    return sorted(p.name.removesuffix(".toml") for p in data.iterdir() if p.name.endswith(".toml"))


@cache
def _raw(name: str) -> dict[str, Any]:
    resource = resources.files("tandem.roadmap") / "data" / f"{name}.toml"
    if not resource.is_file():
        known = ", ".join(available_catalogues())
        raise CatalogueError(name, [f"no catalogue named {name!r}; known: {known}"])
    return tomllib.loads(resource.read_text("utf-8"))


def catalogue_data(name: str = DEFAULT_CATALOGUE) -> dict[str, Any]:
    """A fresh copy of a shipped catalogue's raw data (to inspect, or to edit in tests)."""
    return copy.deepcopy(_raw(name))


@cache
def _load_shipped(name: str, instrument: str) -> Catalogue:
    return parse_catalogue(_raw(name), load_instrument(instrument), source=f"{name}.toml")


def load_catalogue(
    name: str = DEFAULT_CATALOGUE, instrument: Instrument | None = None
) -> Catalogue:
    """Load a shipped catalogue version, validated against ``instrument`` (default: the
    default instrument); for a shipped instrument it is loaded once."""
    if instrument is None:
        return _load_shipped(name, DEFAULT_INSTRUMENT)
    shipped = instrument_name(instrument)
    if shipped is not None and load_instrument(shipped) is instrument:
        return _load_shipped(name, shipped)
    return parse_catalogue(_raw(name), instrument, source=f"{name}.toml")


@cache
def _ladder_items_of_other_versions(instrument_id: str) -> frozenset[str]:
    """Ladder item ids of every shipped version of ``instrument_id``."""
    ids: set[str] = set()
    for name in available_instruments():
        version = load_instrument(name)
        if version.id == instrument_id:
            blocks = {s.id for s in version.scales_of("phase_block")}
            ids |= {i.id for i in version.items if i.scale in blocks}
    return frozenset(ids)


def load_catalogue_file(path: Path, instrument: Instrument | None = None) -> Catalogue:
    """Load and validate a catalogue from any TOML file."""
    try:
        raw = tomllib.loads(path.read_text("utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise CatalogueError(str(path), [f"not valid TOML: {exc}"]) from exc
    return parse_catalogue(raw, instrument or load_instrument(), source=str(path))


def parse_catalogue(
    raw: Mapping[str, Any], instrument: Instrument, source: str = "<catalogue>"
) -> Catalogue:
    """Validate raw catalogue data against ``instrument``; raise with every problem found."""
    problems: list[str] = []
    head = raw.get("catalogue")
    if not isinstance(head, Mapping):
        problems.append("[catalogue] table with 'id' and 'version' is missing")
        head = {}
    cat_id, version = head.get("id"), head.get("version")
    if not isinstance(cat_id, str) or not cat_id or not isinstance(version, str) or not version:
        problems.append("[catalogue]: 'id' and 'version' are required strings")
    expected = head.get("instrument")
    if expected is not None and expected != instrument.id:
        problems.append(
            f"[catalogue]: written for instrument {expected!r}, validated against {instrument.id!r}"
        )

    raw_steps = raw.get("steps")
    if not isinstance(raw_steps, list) or not raw_steps:
        problems.append("no [[steps]] found")
        raw_steps = []
    scale_ids = {s.id for s in instrument.scales}
    blocks = {s.id for s in instrument.scales_of("phase_block")}
    ladder_ids = {i.id for i in instrument.items if i.scale in blocks}
    item_ids = {i.id for i in instrument.items}
    elsewhere = _ladder_items_of_other_versions(instrument.id) - item_ids
    steps = [
        _step(r, n, scale_ids, ladder_ids, item_ids, elsewhere, instrument.key, problems)
        for n, r in enumerate(raw_steps, 1)
    ]
    for value, count in Counter(s.id for s in steps if s.id).items():
        if count > 1:
            problems.append(f"duplicate step id {value!r} ({count} times)")
    if problems:
        raise CatalogueError(source, problems)
    return Catalogue(
        id=str(cat_id), version=str(version), steps=tuple(steps), instrument=instrument
    )


def _text(raw: object, where: str, problems: list[str]) -> Text:
    if not isinstance(raw, Mapping):
        problems.append(f"{where}: expected a table with 'nl' and 'en' texts")
        return Text("", "")
    for lang in LANGUAGES:
        value = raw.get(lang)
        if not isinstance(value, str) or not value.strip():
            problems.append(f"{where}: missing {lang!r} text")
    extra = sorted(set(raw) - set(LANGUAGES))
    if extra:
        problems.append(f"{where}: unknown language(s) {extra}")
    return Text(nl=str(raw.get("nl", "")), en=str(raw.get("en", "")))


def _ids(raw: object, where: str, problems: list[str]) -> tuple[str, ...]:
    if not isinstance(raw, list) or not all(isinstance(v, str) for v in raw):
        problems.append(f"{where}: expected a list of ids")
        return ()
    if not raw:
        problems.append(f"{where}: give at least one id")
    for value, count in Counter(raw).items():
        if count > 1:
            problems.append(f"{where}: {value!r} is listed {count} times")
    return tuple(raw)


def _step(
    raw: object,
    n: int,
    scale_ids: set[str],
    ladder_ids: set[str],
    item_ids: set[str],
    elsewhere: frozenset[str],
    version: str,
    problems: list[str],
) -> Step:
    if not isinstance(raw, Mapping):
        problems.append(f"step #{n}: expected a table")
        raw = {}
    sid = raw.get("id")
    if not isinstance(sid, str) or not sid.isidentifier():
        problems.append(f"step #{n}: id must be a simple identifier, not {sid!r}")
        sid = ""
    where = f"step {sid!r}" if sid else f"step #{n}"
    for key in sorted(REQUIRED_STEP_KEYS - set(raw)):
        problems.append(f"{where}: {key!r} is missing")
    for key in sorted(set(raw) - STEP_KEYS):
        problems.append(f"{where}: unknown key {key!r}")

    transition = raw.get("transition")
    if "transition" in raw and transition not in TRANSITIONS:
        problems.append(
            f"{where}: transition {transition!r} is not one of {', '.join(TRANSITIONS)}"
        )
        transition = TRANSITIONS[0]
    title = _text(raw.get("title"), f"{where}.title", problems) if "title" in raw else Text("", "")
    description = (
        _text(raw.get("description"), f"{where}.description", problems)
        if "description" in raw
        else Text("", "")
    )

    scales: tuple[str, ...] = ()
    if "addresses_scales" in raw:
        scales = _ids(raw["addresses_scales"], f"{where}.addresses_scales", problems)
        for scale in scales:
            if scale not in scale_ids:
                problems.append(f"{where}.addresses_scales: unknown scale {scale!r}")
    criteria: tuple[str, ...] = ()
    if "criteria" in raw:
        named = _ids(raw["criteria"], f"{where}.criteria", problems)
        for item in named:
            if item in elsewhere:
                continue  # a ladder item of another version of the questionnaire
            if item not in item_ids:
                problems.append(f"{where}.criteria: unknown item {item!r}")
            elif item not in ladder_ids:
                problems.append(f"{where}.criteria: {item!r} is not a ladder item (DEF/ALI/INT)")
        criteria = tuple(i for i in named if i in ladder_ids)
        if named and not criteria and all(i in elsewhere for i in named):
            problems.append(f"{where}.criteria: none is a ladder item of {version}")

    tool = raw.get("tool")
    if tool is not None and tool not in TOOLS:
        problems.append(f"{where}: tool {tool!r} is not one of {', '.join(TOOLS)}")
        tool = None
    return Step(
        id=sid,
        transition=cast(Transition, transition or TRANSITIONS[0]),
        title=title,
        description=description,
        addresses_scales=scales,
        criteria=criteria,
        tool=cast(Tool | None, tool),
    )


__all__ = [
    "DEFAULT_CATALOGUE",
    "TOOLS",
    "TRANSITIONS",
    "Catalogue",
    "CatalogueError",
    "Step",
    "Tool",
    "Transition",
    "available_catalogues",
    "catalogue_data",
    "load_catalogue",
    "load_catalogue_file",
    "parse_catalogue",
]
