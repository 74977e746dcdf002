"""Load an instrument version from its data file and validate it.

Validation collects every problem before it fails, so whoever edits the data file
sees all that is wrong at once (duplicate ids, missing language, unknown scale, ...).
"""

from __future__ import annotations

import tomllib
from collections import Counter
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, cast

from tandem.i18n import LANGUAGES, Text
from tandem.instrument.model import (
    FORMS,
    INDEX_ITEMS,
    Form,
    IndexItems,
    Instrument,
    Item,
    ItemKind,
    Option,
    OptionSet,
    Scale,
    ScaleKind,
    Section,
)

#: The version new scans, files without a recognisable version and the demo use.
DEFAULT_INSTRUMENT = "tandem-scan-2"
#: The topics of the HBR 2006 self-assessment (Kotler, Rackham & Krishnaswamy): 1-20.
HBR_TOPICS = range(1, 21)
ITEM_KINDS: tuple[ItemKind, ...] = ("likert", "choice", "text")
SCALE_KINDS: tuple[ScaleKind, ...] = ("phase_block", "tension", "outcome")
MIN_ITEMS_PER_SCALE_FULL = 3


class InstrumentError(ValueError):
    """The instrument file is invalid; ``problems`` lists every problem found."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"{source}: {len(problems)} problem(s) in the instrument:\n{lines}")


class _Problems:
    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, message: str) -> None:
        self.items.append(message)

    def text(self, raw: Any, where: str) -> Text:
        if not isinstance(raw, dict):
            self.add(f"{where}: expected a table with 'nl' and 'en' texts")
            return Text("", "")
        for lang in LANGUAGES:
            value = raw.get(lang)
            if not isinstance(value, str) or not value.strip():
                self.add(f"{where}: missing {lang!r} text")
        extra = set(raw) - set(LANGUAGES)
        if extra:
            self.add(f"{where}: unknown language(s) {sorted(extra)}")
        return Text(nl=str(raw.get("nl", "")), en=str(raw.get("en", "")))


def available_instruments() -> list[str]:
    """Names of the instrument versions shipped with Tandem."""
    data = resources.files("tandem.instrument") / "data"
    return sorted(p.name.removesuffix(".toml") for p in data.iterdir() if p.name.endswith(".toml"))


@cache
def _shipped_names() -> dict[tuple[str, str], str]:
    """(instrument id, version) -> the name of the shipped file that holds it."""
    return {(i.id, i.version): name for name in available_instruments()
            for i in (load_instrument(name),)}


def instrument_for(instrument_id: str, version: str) -> Instrument:
    """The shipped instrument a scan or result names by id and version (``1.0``): a scan
    keeps the version it ran with, whatever the default is now."""
    name = _shipped_names().get((instrument_id, version))
    if name is None:
        known = ", ".join(f"{i}@{v}" for i, v in _shipped_names())
        raise InstrumentError(f"{instrument_id}@{version}",
                              [f"no shipped instrument {instrument_id}@{version}; known: {known}"])
    return load_instrument(name)


def find_instrument(spec: str) -> Instrument:
    """A shipped version by what a person types: ``2``, ``2.0``, ``tandem-scan-2`` or
    ``tandem-scan@2.0`` (``tandem codebook --diff 1 2``)."""
    found = [
        name for (inst_id, version), name in _shipped_names().items()
        if spec in (name, version, version.split(".")[0], f"{inst_id}@{version}")
    ]
    if len(found) != 1:
        known = ", ".join(available_instruments())
        raise InstrumentError(spec, [f"no single instrument version {spec!r}; known: {known}"])
    return load_instrument(found[0])


def instrument_name(instrument: Instrument) -> str | None:
    """The shipped file name (``tandem-scan-2``) of ``instrument``; None for another one."""
    return _shipped_names().get((instrument.id, instrument.version))


@cache
def load_instrument(name: str = DEFAULT_INSTRUMENT) -> Instrument:
    """Load a shipped instrument version by name (e.g. ``tandem-scan-1``)."""
    resource = resources.files("tandem.instrument") / "data" / f"{name}.toml"
    if not resource.is_file():
        known = ", ".join(available_instruments())
        raise InstrumentError(name, [f"no instrument named {name!r}; known: {known}"])
    return parse_instrument(tomllib.loads(resource.read_text("utf-8")), source=f"{name}.toml")


def load_instrument_file(path: Path) -> Instrument:
    """Load and validate an instrument from any TOML file."""
    try:
        raw = tomllib.loads(path.read_text("utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise InstrumentError(str(path), [f"not valid TOML: {exc}"]) from exc
    return parse_instrument(raw, source=str(path))


def parse_instrument(raw: dict[str, Any], source: str = "<instrument>") -> Instrument:
    p = _Problems()
    head = raw.get("instrument", {})
    inst_id = str(head.get("id", ""))
    version = str(head.get("version", ""))
    if not inst_id or not version:
        p.add("[instrument]: 'id' and 'version' are required")
    title = p.text(head.get("title"), "[instrument].title")
    index = head.get("index", "ladder")
    if index not in INDEX_ITEMS:
        p.add(f"[instrument].index: {index!r} is not one of {', '.join(INDEX_ITEMS)}")
        index = "ladder"

    option_sets = _option_sets(raw.get("option_sets", {}), p)
    sections = tuple(
        Section(
            id=str(s.get("id", "")),
            title=p.text(s.get("title"), f"section {s.get('id')!r}.title"),
            intro=p.text(s["intro"], f"section {s.get('id')!r}.intro") if "intro" in s else None,
        )
        for s in raw.get("sections", [])
    )
    scales = tuple(_scale(s, p) for s in raw.get("scales", []))
    section_ids = {s.id for s in sections}
    scale_ids = {s.id for s in scales}

    items = [_item(r, option_sets, section_ids, scale_ids, p) for r in raw.get("items", [])]
    areas, dr_items = _decision_items(raw.get("decision_rights"), option_sets, p)
    stages, cj_items = _journey_items(raw.get("journey"), option_sets, p)
    mp_items = _meta_items(raw.get("meta_perception"), items, section_ids, option_sets, p)
    all_items = (*items, *dr_items, *cj_items, *mp_items)

    _check_unique("section", [s.id for s in sections], p)
    _check_unique("scale", [s.id for s in scales], p)
    _check_unique("item", [i.id for i in all_items], p)
    ids = {i.id for i in all_items}
    for item in all_items:
        for gone in item.replaces:
            if gone in ids and gone != item.id:
                p.add(f"item {item.id!r}: replaces {gone!r}, which is still in this version")
    _check_scales(scales, all_items, p)
    _check_hbr(scales, all_items, cast(IndexItems, index), p)
    if p.items:
        raise InstrumentError(source, p.items)
    return Instrument(
        id=inst_id,
        version=version,
        title=title,
        option_sets=option_sets,
        sections=sections,
        scales=scales,
        items=all_items,
        areas=areas,
        stages=stages,
        index=cast(IndexItems, index),
    )


def _option_sets(raw: dict[str, Any], p: _Problems) -> dict[str, OptionSet]:
    sets: dict[str, OptionSet] = {}
    for set_id, body in raw.items():
        kind = body.get("kind")
        if kind not in ("likert", "choice"):
            p.add(f"option set {set_id!r}: kind must be 'likert' or 'choice', not {kind!r}")
            continue
        options = tuple(
            Option(
                code=str(o.get("code", "")),
                label=p.text(o.get("label"), f"option set {set_id!r} code {o.get('code')!r}"),
            )
            for o in body.get("options", [])
        )
        _check_unique(f"option code in {set_id!r}", [o.code for o in options], p)
        if kind == "likert":
            numeric = [o.code for o in options if o.code != "dk"]
            if numeric != ["1", "2", "3", "4", "5"]:
                p.add(
                    f"option set {set_id!r}: a likert set has codes 1-5 (and 'dk'), got {numeric}"
                )
        sets[set_id] = OptionSet(id=set_id, kind=kind, options=options)
    return sets


def _scale(raw: dict[str, Any], p: _Problems) -> Scale:
    sid = str(raw.get("id", ""))
    kind = raw.get("kind")
    if kind not in SCALE_KINDS:
        p.add(f"scale {sid!r}: unknown kind {kind!r} (use one of {', '.join(SCALE_KINDS)})")
        kind = "outcome"
    family = raw.get("family")
    if kind == "tension" and family not in ("economic", "cultural", "organisational"):
        p.add(f"scale {sid!r}: a tension source needs family economic/cultural/organisational")
    return Scale(
        id=sid,
        kind=cast(ScaleKind, kind),
        title=p.text(raw.get("title"), f"scale {sid!r}.title"),
        family=family,
        description=p.text(raw["description"], f"scale {sid!r}.description")
        if "description" in raw
        else None,
    )


def _forms(raw: Any, where: str, p: _Problems) -> tuple[Form, ...]:
    forms = raw if raw is not None else ["full"]
    bad = [f for f in forms if f not in FORMS]
    if bad:
        p.add(f"{where}: unknown form(s) {bad}")
    return tuple(cast(Form, f) for f in forms if f in FORMS)


def _item(
    raw: dict[str, Any],
    option_sets: dict[str, OptionSet],
    section_ids: set[str],
    scale_ids: set[str],
    p: _Problems,
) -> Item:
    iid = str(raw.get("id", ""))
    where = f"item {iid!r}"
    if not iid.isidentifier():
        p.add(f"{where}: id must be a simple identifier")
    kind = raw.get("kind", "likert")
    if kind not in ITEM_KINDS:
        p.add(f"{where}: unknown kind {kind!r}")
    section = str(raw.get("section", ""))
    if section not in section_ids:
        p.add(f"{where}: unknown section {section!r}")
    scale = raw.get("scale")
    if scale is not None and scale not in scale_ids:
        p.add(f"{where}: unknown scale {scale!r}")
    options: OptionSet | None = None
    if kind != "text":
        set_id = raw.get("options", "agree" if kind == "likert" else None)
        options = option_sets.get(str(set_id))
        if options is None:
            p.add(f"{where}: unknown option set {set_id!r}")
        elif (options.kind == "likert") != (kind == "likert"):
            p.add(f"{where}: a {kind} item cannot use the {options.kind} set {set_id!r}")
    keying = raw.get("keying", "+")
    if keying not in ("+", "-"):
        p.add(f"{where}: keying must be '+' or '-'")
    if scale is not None and kind != "likert":
        p.add(f"{where}: only likert items can belong to a scale")
    return Item(
        id=iid,
        section=section,
        kind=cast(ItemKind, kind if kind in ITEM_KINDS else "likert"),
        text=p.text(raw.get("text"), f"{where}.text"),
        forms=_forms(raw.get("forms"), where, p),
        options=options,
        scale=scale,
        keying=keying,
        setting=raw.get("setting"),
        hbr=tuple(raw.get("hbr", ())),
        replaces=_replaces(raw.get("replaces", []), iid, where, p),
    )


def _replaces(raw: Any, iid: str, where: str, p: _Problems) -> tuple[str, ...]:
    """Ids of an earlier version: identifiers, never the item's own (a kept id is the
    same question; a new id that replaces one is a new question)."""
    if not isinstance(raw, list) or not all(isinstance(r, str) and r.isidentifier()
                                            for r in raw):
        p.add(f"{where}: replaces must be a list of item ids")
        return ()
    if iid in raw:
        p.add(f"{where}: an item cannot replace itself (keep the id, or give a new one)")
    return tuple(raw)


def _decision_items(
    raw: dict[str, Any] | None, option_sets: dict[str, OptionSet], p: _Problems
) -> tuple[dict[str, Text], list[Item]]:
    if raw is None:
        p.add("[decision_rights] is missing")
        return {}, []
    areas = {a: p.text(t, f"decision area {a!r}") for a, t in raw.get("areas", {}).items()}
    options = option_sets.get(str(raw.get("options")))
    if options is None:
        p.add(f"[decision_rights]: unknown option set {raw.get('options')!r}")
    decides = p.text(raw.get("decides"), "[decision_rights].decides")
    should = p.text(raw.get("should_decide"), "[decision_rights].should_decide")
    items: list[Item] = []
    for area, label in areas.items():
        common = {"section": raw.get("section", "decisions"), "kind": "choice", "options": options}
        items.append(
            Item(
                id=f"dr_{area}",
                text=_fill(decides, area=label),
                forms=("full",),
                area=area,
                role="decides",
                **common,
            )
        )
        items.append(
            Item(
                id=f"drs_{area}",
                text=_fill(should, area=label),
                forms=("full",),
                area=area,
                role="should_decide",
                setting=raw.get("should_decide_setting"),
                **common,
            )
        )
    return areas, items


def _journey_items(
    raw: dict[str, Any] | None, option_sets: dict[str, OptionSet], p: _Problems
) -> tuple[dict[str, Text], list[Item]]:
    if raw is None:
        p.add("[journey] is missing")
        return {}, []
    stages = {s: p.text(t, f"journey stage {s!r}") for s, t in raw.get("stages", {}).items()}
    owner_options = option_sets.get(str(raw.get("owner_options")))
    if owner_options is None:
        p.add(f"[journey]: unknown option set {raw.get('owner_options')!r}")
    owner = p.text(raw.get("owner"), "[journey].owner")
    consistency = p.text(raw.get("consistency"), "[journey].consistency")
    section = raw.get("section", "journey")
    items: list[Item] = []
    for stage, label in stages.items():
        items.append(
            Item(
                id=f"cj_{stage}_owner",
                section=section,
                kind="choice",
                text=_fill(owner, stage=label),
                forms=("full",),
                options=owner_options,
                stage=stage,
                role="owner",
            )
        )
        items.append(
            Item(
                id=f"cj_{stage}_consistency",
                section=section,
                kind="likert",
                text=_fill(consistency, stage=label),
                forms=("full",),
                options=option_sets.get("agree"),
                stage=stage,
                role="consistency",
            )
        )
    return stages, items


def _meta_items(
    raw: dict[str, Any] | None,
    statements: list[Item],
    section_ids: set[str],
    option_sets: dict[str, OptionSet],
    p: _Problems,
) -> list[Item]:
    """The optional meta-perception module: for each chosen statement and each asking
    department, "how would most people in <the other department> answer this?", on the
    statement's own scale and in the statement's forms. Optional in an instrument file."""
    if raw is None:
        return []
    by_id = {i.id: i for i in statements}
    departments = option_sets.get("department")
    codes = departments.codes if departments is not None else ()
    setting = raw.get("setting")
    if not isinstance(setting, str) or not setting:
        p.add("[meta_perception]: 'setting' (the scan setting that switches it on) is required")
    items: list[Item] = []
    for ask in raw.get("asks", []):
        department, predicts = ask.get("department"), ask.get("predicts")
        where = f"[meta_perception] asks of {department!r}"
        for code in (department, predicts):
            if code not in codes:
                p.add(f"{where}: {code!r} is not a department code ({', '.join(codes)})")
        section = str(ask.get("section", ""))
        if section not in section_ids:
            p.add(f"{where}: unknown section {section!r}")
        template = p.text(ask.get("text"), f"{where}.text")
        for statement_id in raw.get("statements", []):
            statement = by_id.get(statement_id)
            if statement is None or statement.kind != "likert" or statement.scale is None:
                p.add(f"[meta_perception]: {statement_id!r} is not a statement of a scale")
                continue
            items.append(Item(
                id=f"mp_{department}_{statement_id}",
                section=section,
                kind="likert",
                text=Text(nl=template.nl.format(statement=statement.text.nl),
                          en=template.en.format(statement=statement.text.en)),
                forms=statement.forms,
                options=statement.options,
                keying=statement.keying,
                role="meta",
                setting=setting,
                asked_of=(str(department),),
                about=statement_id,
                predicts=str(predicts),
            ))
    return items


def _fill(template: Text, **labels: Text) -> Text:
    nl = {k: v.nl for k, v in labels.items()}
    en = {k: v.en for k, v in labels.items()}
    return Text(nl=_capitalise(template.nl.format(**nl)), en=_capitalise(template.en.format(**en)))


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def _check_unique(what: str, ids: list[str], p: _Problems) -> None:
    for value, count in Counter(ids).items():
        if count > 1:
            p.add(f"duplicate {what} id {value!r} ({count} times)")


def _check_hbr(
    scales: tuple[Scale, ...], items: tuple[Item, ...], index: IndexItems, p: _Problems
) -> None:
    """HBR topics sit on ladder statements; an index of HBR statements needs each of the
    twenty topics on exactly one statement, so that it is the HBR total divided by 20."""
    blocks = {s.id for s in scales if s.kind == "phase_block"}
    for item in items:
        if item.hbr and item.scale not in blocks:
            p.add(f"item {item.id!r}: an HBR topic belongs on a ladder statement (DEF/ALI/INT)")
        for topic in item.hbr:
            if topic not in HBR_TOPICS:
                p.add(f"item {item.id!r}: HBR topic {topic!r} is not 1-20")
    if index != "hbr":
        return
    for item in items:
        if len(item.hbr) > 1:
            p.add(f"item {item.id!r}: with index = 'hbr' a statement maps to one HBR topic")
    topics = Counter(t for i in items for t in i.hbr)
    missing = [t for t in HBR_TOPICS if t not in topics]
    if missing:
        p.add(f"index = 'hbr': no statement for HBR topic(s) {missing}")
    for topic, count in sorted(topics.items()):
        if count > 1:
            p.add(f"index = 'hbr': HBR topic {topic} is on {count} statements (one each)")


def _check_scales(scales: tuple[Scale, ...], items: tuple[Item, ...], p: _Problems) -> None:
    for scale in scales:
        members = [i for i in items if i.scale == scale.id]
        full = [i for i in members if "full" in i.forms]
        if len(full) < MIN_ITEMS_PER_SCALE_FULL:
            p.add(
                f"scale {scale.id!r} has {len(full)} item(s) in the full form; "
                f"at least {MIN_ITEMS_PER_SCALE_FULL} are needed"
            )
        if members and not any("quick" in i.forms for i in members) and scale.kind != "outcome":
            p.add(f"scale {scale.id!r} has no item in the quick form")
