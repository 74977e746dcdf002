"""The building blocks a section is made of, as the template expects them, and the
questionnaire a result was made with (for question and area wording)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import defusedxml.ElementTree as DefusedET

from tandem.contract.result import Result
from tandem.instrument import Instrument, instrument_for


def _section(title: str, blocks: list[dict[str, Any]]) -> dict[str, Any]:
    return {"title": title, "blocks": blocks}


def _para(text: str, kind: str = "para") -> dict[str, Any]:
    return {"kind": kind, "text": text}


def _list(items: Iterable[str], numbered: bool = False) -> dict[str, Any]:
    return {"kind": "list", "items": list(items), "numbered": numbered}


Cell = str | dict[str, str]  # {"b": text} is set in bold


def _table(
    header: Sequence[str],
    rows: Iterable[Sequence[Cell]],
    widths: Sequence[float],
    align: Sequence[str],
    strong: Iterable[int] = (),
    note: str = "",
) -> dict[str, Any]:
    """A table; a width of 0 means "as wide as its content", others are fractions.
    ``note`` is set under it, on the same page as its last rows."""
    return {
        "kind": "table",
        "header": list(header),
        "rows": [list(r) for r in rows],
        "widths": list(widths),
        "align": list(align),
        "strong": list(strong),
        "note": note,
    }


def _chart(svg: str, width: int = 100, caption: str = "") -> dict[str, Any]:
    desc = DefusedET.fromstring(svg).find("{http://www.w3.org/2000/svg}desc")
    alt = desc.text if desc is not None and desc.text else ""
    return {"kind": "chart", "svg": svg, "width": width, "alt": alt, "caption": caption}


def _instrument(result: Result) -> Instrument | None:
    """The questionnaire the result was made with, for question and area wording."""
    try:
        return instrument_for(result.meta.instrument, result.meta.instrument_version)
    except ValueError:  # a result of a version this Tandem does not ship
        return None
