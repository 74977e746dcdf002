"""Tandem's own survey definition as JSON: export an instrument, import a custom one.

The definition is the instrument data file (``tandem-scan-2.toml``) in JSON, with two
more keys saying what the file is (``format``, ``format_version``): option sets,
sections, scales, items, and the decision-rights and customer-journey blocks that
the loader expands into ``dr_<area>``, ``drs_<area>``, ``cj_<stage>_owner`` and
``cj_<stage>_consistency``. A consultant keeps a custom version in it without code:
other department names (the labels of ``option_sets.department``; the codes stay,
the analysis knows them), other wording, fewer decision areas, a different quick scan
(the ``forms`` of each item). Importing it runs every rule of the loader
(:func:`tandem.instrument.loader.parse_instrument`), so an invalid definition is
refused with every problem listed. ``definition.schema.json`` next to this module
describes the structure (JSON Schema 2020-12).

Export, then import, gives an equal :class:`~tandem.instrument.model.Instrument`.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

from tandem.i18n import Text
from tandem.instrument.loader import InstrumentError, parse_instrument
from tandem.instrument.model import Instrument, Item

FORMAT = "tandem-survey-definition"
FORMAT_VERSION = 1
_TOP_LEVEL = {
    "format",
    "format_version",
    "instrument",
    "option_sets",
    "sections",
    "scales",
    "items",
    "decision_rights",
    "journey",
    "meta_perception",
}
_LISTS = ("sections", "scales", "items")
_TABLES = ("instrument", "option_sets", "decision_rights", "journey", "meta_perception")


def definition_schema() -> dict[str, Any]:
    """The JSON Schema of a survey definition."""
    resource = resources.files("tandem.report.questionnaire") / "definition.schema.json"
    schema: dict[str, Any] = json.loads(resource.read_text("utf-8"))
    return schema


def definition_dict(instrument: Instrument) -> dict[str, Any]:
    """The instrument as a JSON-ready survey definition (texts in both languages)."""
    plain = [i for i in instrument.items
             if i.area is None and i.stage is None and i.about is None]
    meta = _meta_perception(instrument)
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "instrument": {
            "id": instrument.id,
            "version": instrument.version,
            "title": instrument.title.as_dict(),
        } | ({"index": instrument.index} if instrument.index != "ladder" else {}),
        "option_sets": {
            set_id: {
                "kind": option_set.kind,
                "options": [
                    {"code": o.code, "label": o.label.as_dict()} for o in option_set.options
                ],
            }
            for set_id, option_set in instrument.option_sets.items()
        },
        "sections": [
            {"id": s.id, "title": s.title.as_dict()}
            | ({"intro": s.intro.as_dict()} if s.intro is not None else {})
            for s in instrument.sections
        ],
        "scales": [
            {"id": s.id, "kind": s.kind, "title": s.title.as_dict()}
            | ({"family": s.family} if s.family is not None else {})
            | ({"description": s.description.as_dict()} if s.description is not None else {})
            for s in instrument.scales
        ],
        "items": [_item(item) for item in plain],
        "decision_rights": _decision_rights(instrument),
        "journey": _journey(instrument),
    } | ({"meta_perception": meta} if meta is not None else {})


def render_definition(instrument: Instrument) -> str:
    """The survey definition as JSON text."""
    return json.dumps(definition_dict(instrument), ensure_ascii=False, indent=2) + "\n"


def parse_definition(raw: Any, source: str = "<definition>") -> Instrument:
    """An :class:`Instrument` from a parsed definition; InstrumentError lists the problems."""
    problems = _shape_problems(raw)
    if problems:
        raise InstrumentError(source, problems)
    body = {k: v for k, v in raw.items() if k not in ("format", "format_version")}
    try:
        return parse_instrument(body, source=source)
    except (AttributeError, TypeError, KeyError) as exc:  # a wrongly typed value deep inside
        raise InstrumentError(source, [f"wrong structure: {exc}"]) from exc


def load_definition(path: Path) -> Instrument:
    """Read and validate a survey definition file (JSON)."""
    try:
        raw = json.loads(path.read_text("utf-8"))
    except json.JSONDecodeError as exc:
        raise InstrumentError(str(path), [f"not valid JSON: {exc}"]) from exc
    return parse_definition(raw, source=str(path))


def _shape_problems(raw: Any) -> list[str]:
    if not isinstance(raw, dict):
        return ["a survey definition is a JSON object"]
    problems: list[str] = []
    if raw.get("format") != FORMAT:
        problems.append(f"'format' must be {FORMAT!r}")
    if raw.get("format_version") != FORMAT_VERSION:
        problems.append(f"'format_version' must be {FORMAT_VERSION}")
    unknown = sorted(set(raw) - _TOP_LEVEL)
    if unknown:
        problems.append(f"unknown key(s) {unknown}")
    for key in _TABLES:
        if key in raw and not isinstance(raw[key], dict):
            problems.append(f"{key!r} must be an object")
    for key in _LISTS:
        value = raw.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            problems.append(f"{key!r} must be a list of objects")
    for set_id, body in (raw.get("option_sets") or {}).items():
        if not isinstance(body, dict) or not isinstance(body.get("options", []), list):
            problems.append(f"option set {set_id!r} must be an object with a list 'options'")
        elif not all(isinstance(o, dict) for o in body.get("options", [])):
            problems.append(f"option set {set_id!r}: every option must be an object")
    return problems


def _item(item: Item) -> dict[str, Any]:
    data: dict[str, Any] = {"id": item.id, "section": item.section, "kind": item.kind}
    if item.options is not None:
        data["options"] = item.options.id
    if item.scale is not None:
        data["scale"] = item.scale
    if item.kind == "likert":
        data["keying"] = item.keying
    data["forms"] = list(item.forms)
    if item.setting is not None:
        data["setting"] = item.setting
    if item.hbr:
        data["hbr"] = list(item.hbr)
    if item.replaces:
        data["replaces"] = list(item.replaces)
    data["text"] = item.text.as_dict()
    return data


def _decision_rights(instrument: Instrument) -> dict[str, Any]:
    decides = [i for i in instrument.items if i.role == "decides"]
    should = [i for i in instrument.items if i.role == "should_decide"]
    first = decides[0] if decides else None
    data: dict[str, Any] = {
        "section": first.section if first else "decisions",
        "options": first.options.id if first and first.options else "decider",
        "decides": _template(decides, "area", instrument.areas),
        "should_decide": _template(should, "area", instrument.areas),
    }
    setting = should[0].setting if should else None
    if setting is not None:
        data["should_decide_setting"] = setting
    data["areas"] = {area: label.as_dict() for area, label in instrument.areas.items()}
    return data


def _journey(instrument: Instrument) -> dict[str, Any]:
    owners = [i for i in instrument.items if i.role == "owner"]
    consistency = [i for i in instrument.items if i.role == "consistency"]
    first = owners[0] if owners else None
    return {
        "section": first.section if first else "journey",
        "owner_options": first.options.id if first and first.options else "owner",
        "owner": _template(owners, "stage", instrument.stages),
        "consistency": _template(consistency, "stage", instrument.stages),
        "stages": {stage: label.as_dict() for stage, label in instrument.stages.items()},
    }


def _meta_perception(instrument: Instrument) -> dict[str, Any] | None:
    """The optional meta-perception block the loader expanded, or None without one: its
    statements and, per asking department, the text template with ``{statement}``."""
    meta = instrument.meta_items()
    if not meta:
        return None
    asks = []
    for department in dict.fromkeys(i.asked_of[0] for i in meta):
        first = next(i for i in meta if i.asked_of[0] == department)
        statement = instrument.item(str(first.about)).text
        asks.append({
            "department": department,
            "predicts": first.predicts,
            "section": first.section,
            "text": {lang: first.text(lang).replace(statement(lang), "{statement}", 1)
                     for lang in ("nl", "en")},
        })
    return {"setting": meta[0].setting,
            "statements": list(dict.fromkeys(str(i.about) for i in meta)), "asks": asks}


def _template(items: list[Item], key: str, labels: dict[str, Text]) -> dict[str, str]:
    """The text template the loader filled in: the label put back as ``{area}``/``{stage}``.

    The loader capitalises the filled text, so a label that opens the text is found
    with its first letter in upper case. Every item must give the same template.
    """
    result: dict[str, str] = {}
    for lang in ("nl", "en"):
        found: set[str] = set()
        for item in items:
            value = getattr(item, key)
            label = labels[value](lang) if value in labels else ""
            text = item.text(lang)
            if label and label in text:
                found.add(text.replace(label, "{" + key + "}", 1))
            elif label and text.startswith(label[:1].upper() + label[1:]):
                found.add("{" + key + "}" + text[len(label) :])
            else:
                found.add(text)
        if len(found) > 1:
            raise ValueError(f"the {key} questions do not share one text template: {found}")
        result[lang] = found.pop() if found else "{" + key + "}"
    return result
