"""The codebook: what every column of a response file means, for analysts and other tools.

Three renderings of one list of rows:

- JSON: the full structure, always with both languages (``instrument``, ``items``,
  ``scales``), for machines.
- CSV: one row per item, its options joined in one cell as ``code=label | code=label``,
  so the file has exactly one line per column of a response file and opens cleanly in
  a spreadsheet. With a language, texts and labels are in that language only; without
  one there are ``text_nl``/``text_en`` and ``options_nl``/``options_en`` columns.
- Markdown: one table per questionnaire section, for people.
"""

from __future__ import annotations

import io
import json
from typing import Any, Literal

from tandem.i18n import LANGUAGES, parse_lang
from tandem.instrument.model import Form, Instrument, Item, Scale
from tandem.io.writers import write_csv

CodebookFormat = Literal["json", "csv", "md"]
ALL_SETTINGS: frozenset[str] = frozenset({"should_decide", "segment", "meta_perception"})


def codebook_rows(
    instrument: Instrument,
    form: Form = "full",
    settings: frozenset[str] = ALL_SETTINGS,
    *,
    lang: str | None = None,
) -> list[dict[str, str]]:
    """One flat row per item of ``form`` (the CSV codebook), texts in ``lang`` or both."""
    langs = _langs(lang)
    scales = {s.id: s for s in instrument.scales}
    rows: list[dict[str, str]] = []
    meta = any(i.about for i in instrument.items_for(form, settings))
    for item in instrument.items_for(form, settings):
        scale = scales.get(item.scale) if item.scale else None
        row = {
            "id": item.id,
            "section": item.section,
            "kind": item.kind,
            "scale": item.scale or "",
            "scale_kind": scale.kind if scale else "",
            "family": (scale.family or "") if scale else "",
            "keying": item.keying if item.kind == "likert" else "",
            "forms": " ".join(item.forms),
            "area": item.area or "",
            "stage": item.stage or "",
            "role": item.role or "",
            "setting": item.setting or "",
            "hbr": " ".join(str(t) for t in item.hbr),
        }
        if meta:  # the columns of the optional meta-perception module, only with it
            row |= {"asked_of": " ".join(item.asked_of), "about": item.about or "",
                    "predicts": item.predicts or ""}
        for code in langs:
            suffix = "" if lang else f"_{code}"
            row[f"text{suffix}"] = item.text(code)
            row[f"options{suffix}"] = _joined_options(item, code)
        rows.append(row)
    return rows


def codebook_json(
    instrument: Instrument, form: Form = "full", settings: frozenset[str] = ALL_SETTINGS
) -> dict[str, Any]:
    """The codebook as a JSON-ready dict, always in both languages."""
    items = instrument.items_for(form, settings)
    ids = {i.id for i in items}
    return {
        "instrument": {"id": instrument.id, "version": instrument.version, "form": form},
        "items": [item_json(item) for item in items],
        "scales": [_scale_json(scale, instrument, ids) for scale in instrument.scales],
    }


def render_codebook(
    instrument: Instrument,
    form: Form = "full",
    lang: str | None = None,
    fmt: CodebookFormat = "json",
    settings: frozenset[str] = ALL_SETTINGS,
) -> str:
    """The codebook as text in ``fmt``; ``lang`` limits CSV and Markdown to one language."""
    if fmt == "json":
        return json.dumps(codebook_json(instrument, form, settings), ensure_ascii=False, indent=2)
    if fmt == "csv":
        out = io.StringIO()
        rows = codebook_rows(instrument, form, settings, lang=lang)
        write_csv(rows, out, columns=list(rows[0]) if rows else None)
        return out.getvalue()
    if fmt == "md":
        return _markdown(instrument, form, settings, lang)
    raise ValueError(f"unknown codebook format {fmt!r}: use json, csv or md")


def _langs(lang: str | None) -> tuple[str, ...]:
    return (parse_lang(lang),) if lang is not None else LANGUAGES


def _joined_options(item: Item, lang: str) -> str:
    if item.options is None:
        return ""
    return " | ".join(f"{o.code}={o.label(lang)}" for o in item.options.options)


def item_json(item: Item) -> dict[str, Any]:
    """One item as the JSON codebook lists it (both languages)."""
    data: dict[str, Any] = {
        "id": item.id,
        "scale": item.scale,
        "kind": item.kind,
        "keying": item.keying,
        "forms": list(item.forms),
        "section": item.section,
    }
    for key in ("area", "stage", "role", "setting", "about", "predicts"):
        value = getattr(item, key)
        if value is not None:
            data[key] = value
    if item.hbr:
        data["hbr"] = list(item.hbr)
    if item.replaces:
        data["replaces"] = list(item.replaces)
    if item.asked_of:
        data["asked_of"] = list(item.asked_of)
    data["text"] = item.text.as_dict()
    data["options"] = (
        [{"code": o.code, "label": o.label.as_dict()} for o in item.options.options]
        if item.options is not None
        else []
    )
    return data


def _scale_json(scale: Scale, instrument: Instrument, ids: set[str]) -> dict[str, Any]:
    return {
        "id": scale.id,
        "kind": scale.kind,
        "family": scale.family,
        "title": scale.title.as_dict(),
        "items": [i.id for i in instrument.items if i.scale == scale.id and i.id in ids],
    }


def markdown_cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _markdown(
    instrument: Instrument, form: Form, settings: frozenset[str], lang: str | None
) -> str:
    langs = _langs(lang)
    title = " / ".join(instrument.title(code) for code in langs)
    lines = [f"# {title}", "", f"`{instrument.key}`, form `{form}`", ""]
    items = instrument.items_for(form, settings)
    likert_sets = {i.options.id: i.options for i in items if i.options and i.kind == "likert"}
    for option_set in likert_sets.values():  # listed once, not on every Likert item
        lines.append(f"Answer scale `{option_set.id}`:")
        lines.append("")
        for option in option_set.options:
            labels = " / ".join(option.label(code) for code in langs)
            lines.append(f"- `{option.code}` {labels}")
        lines.append("")
    text_heads = ["text"] if lang else [f"text ({code})" for code in langs]
    option_heads = ["options"] if lang else [f"options ({code})" for code in langs]
    for section in instrument.sections:
        members = [i for i in items if i.section == section.id]
        if not members:
            continue
        lines += [f"## {' / '.join(section.title(code) for code in langs)}", ""]
        head = ["id", "scale", "keying", *text_heads, *option_heads]
        lines.append("| " + " | ".join(head) + " |")
        lines.append("|" + "---|" * len(head))
        for item in members:
            cells = [
                f"`{item.id}`",
                item.scale or "",
                item.keying if item.kind == "likert" else "",
                *(item.text(code) for code in langs),
                *(
                    f"scale `{item.options.id}`"
                    if item.kind == "likert" and item.options
                    else _joined_options(item, code)
                    for code in langs
                ),
            ]
            lines.append("| " + " | ".join(markdown_cell(c) for c in cells) + " |")
        lines.append("")
    return "\n".join(lines)
