"""``tandem codebook --diff 1 2``: what changed between two questionnaire versions, as
Markdown for people (texts in one language or both) or JSON for machines (both
languages always). The changes themselves are decided in
:func:`tandem.instrument.diff.diff_instruments`; this module only writes them down.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from tandem.i18n import LANGUAGES, parse_lang
from tandem.instrument.diff import CHANGE_KINDS, Change, ChangeKind, InstrumentDiff
from tandem.instrument.model import Item
from tandem.report.codebook import item_json

DiffFormat = Literal["md", "json"]

HEADINGS: dict[ChangeKind, str] = {
    "added": "Added",
    "removed": "Removed",
    "reworded": "Reworded",
    "moved": "Moved (section, scale or form)",
    "rekeyed": "Rekeyed",
    "remapped": "Other HBR topic",
}
SUMMARY: dict[ChangeKind, str] = {
    "added": "added", "removed": "removed", "reworded": "reworded", "moved": "moved",
    "rekeyed": "rekeyed", "remapped": "on another HBR topic",
}


def render_diff(diff: InstrumentDiff, fmt: DiffFormat = "md", lang: str | None = None) -> str:
    """The diff as Markdown (texts in ``lang``, or both) or as JSON."""
    if fmt == "json":
        return json.dumps(diff_json(diff), ensure_ascii=False, indent=2) + "\n"
    if fmt == "md":
        return _markdown(diff, (parse_lang(lang),) if lang is not None else LANGUAGES)
    raise ValueError(f"unknown format {fmt!r} for a diff: use md or json")


def diff_json(diff: InstrumentDiff) -> dict[str, Any]:
    """The diff as a JSON-ready dict."""
    return {
        "from": {"id": diff.before.id, "version": diff.before.version},
        "to": {"id": diff.after.id, "version": diff.after.version},
        "counts": diff.counts(),
        "settings": [{"name": s.name, "before": s.before, "after": s.after}
                     for s in diff.settings],
        "changes": [_change_json(diff, c) for c in diff.changes],
    }


def _change_json(diff: InstrumentDiff, change: Change) -> dict[str, Any]:
    data: dict[str, Any] = {"item": change.item, "change": change.kind, "field": change.field}
    if change.kind == "added":
        data["after"] = item_json(diff.item(change))
        data["replaces"] = list(change.related)
    elif change.kind == "removed":
        data["before"] = item_json(diff.item(change))
        data["replaced_by"] = list(change.related)
    else:
        data["before"], data["after"] = change.before, change.after
    return data


def _where(item: Item) -> str:
    """Where an item sits, in the codes analysts use: scale (or section), keying, forms."""
    parts = [item.scale or item.section]
    if item.kind == "likert":
        parts.append(item.keying)
    parts.append(" ".join(item.forms))
    if item.hbr:
        parts.append("HBR " + " ".join(str(t) for t in item.hbr))
    return ", ".join(parts)


def _ids(ids: tuple[str, ...]) -> str:
    return ", ".join(f"`{i}`" for i in ids)


def _markdown(diff: InstrumentDiff, langs: tuple[str, ...]) -> str:
    counts = diff.counts()
    lines = [
        f"# Questionnaire changes: `{diff.before.key}` → `{diff.after.key}`",
        "",
        "Items: " + ", ".join(f"{counts[k]} {SUMMARY[k]}" for k in CHANGE_KINDS) + ".",
        "",
    ]
    if diff.empty:
        return "\n".join([*lines, "No changes.", ""])
    if diff.settings:
        lines += ["## Questionnaire", ""]
        lines += [f"- {s.name}: {s.before or '(none)'} → {s.after or '(none)'}"
                  for s in diff.settings
                  if not s.name.endswith(")") or s.name.endswith(tuple(f"({c})" for c in langs))]
        lines.append("")
    for kind in CHANGE_KINDS:
        changes = diff.of_kind(kind)
        if kind == "reworded":
            changes = tuple(c for c in changes if c.field in langs)
        if not changes:
            continue
        lines += [f"## {HEADINGS[kind]} ({counts[kind]})", ""]
        for change in changes:
            lines += _entry(diff, change, langs)
        lines.append("")
    return "\n".join(lines)


def _entry(diff: InstrumentDiff, change: Change, langs: tuple[str, ...]) -> list[str]:
    item = diff.item(change)
    if change.kind in ("added", "removed"):
        relation = "replaces" if change.kind == "added" else "replaced by"
        head = f"- `{item.id}` ({_where(item)})"
        if change.related:
            head += f"; {relation} {_ids(change.related)}"
        return [head, *(f"  - {code}: {item.text(code)}" for code in langs)]
    if change.kind == "reworded":
        return [f"- `{item.id}` ({change.field})", f"  - before: {change.before}",
                f"  - after: {change.after}"]
    return [f"- `{item.id}` {change.field}: {change.before or '(none)'} → "
            f"{change.after or '(none)'}"]


__all__ = ["DiffFormat", "diff_json", "render_diff"]
