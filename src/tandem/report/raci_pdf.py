"""The agreed decision rights as a one-page PDF: "Roles and responsibilities".

The article's first step ("van undefined naar defined") is to agree who decides what.
An agreement only works when it is on the wall, so the matrix is rendered as one
landscape A4 page that a management team can sign and pin up. Python decides what is
said and hands it to ``templates/raci.typ`` as JSON (no user text is ever parsed as
typst markup); only typst's embedded fonts are used, so the page looks the same
everywhere. Pure Python: no Django.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from importlib import resources

import typst

from tandem.i18n import Text

TEMPLATE = "raci.typ"
PARTY_LABELS: dict[str, Text] = {
    "marketing": Text("Marketing", "Marketing"),
    "sales": Text("Sales", "Sales"),
    "service": Text("Customer Service", "Customer Service"),
    "management": Text("Directie", "Management"),
}
CELL = {"": "–", "R": "R", "A": "A", "AR": "A/R", "C": "C", "I": "I"}
TITLE = Text("Taken en verantwoordelijkheden", "Roles and responsibilities")
LEGEND = (
    Text("R = Responsible: voert uit", "R = Responsible: does the work"),
    Text("A = Accountable: beslist, eindverantwoordelijk",
         "A = Accountable: decides, answerable"),
    Text("C = Consulted: praat mee vooraf", "C = Consulted: asked beforehand"),
    Text("I = Informed: hoort het besluit", "I = Informed: told the decision"),
    Text("A/R = beslist en voert uit", "A/R = decides and does the work"),
)


AREA_HEADING = Text("Beslisgebied", "Decision area")


def raci_table(matrix: Mapping[str, Mapping[str, str]], areas: Sequence[tuple[str, Text]],
               lang: str) -> tuple[list[str], list[list[str]]]:
    """The matrix in ``lang``: the header (decision area, then the parties) and a row per
    area (its label, then each party's letter); the page and the CSV show the same."""
    header = [AREA_HEADING(lang), *(label(lang) for label in PARTY_LABELS.values())]
    rows = [[_capital(label(lang)),
             *(CELL.get(str(matrix.get(area, {}).get(p, "")), "?") for p in PARTY_LABELS)]
            for area, label in areas]
    return header, rows


def raci_data(*, matrix: Mapping[str, Mapping[str, str]], areas: Sequence[tuple[str, Text]],
              lang: str, organisation: str, version: int, agreed_by: str,
              agreed_at: datetime, note: str = "") -> dict[str, object]:
    """The words and cells of the page (testable without rendering)."""
    en = lang == "en"
    header, rows = raci_table(matrix, areas, "en" if en else "nl")
    when = agreed_at.astimezone(UTC).strftime("%Y-%m-%d")
    return {
        "lang": "en" if en else "nl",
        "title": TITLE("en" if en else "nl"),
        "organisation": organisation,
        "agreed": (f"Version {version}, agreed on {when} (recorded by {agreed_by})" if en
                   else f"Versie {version}, vastgesteld op {when} (vastgelegd door "
                        f"{agreed_by})"),
        "version": f"v{version}",
        "footer": "Tandem · " + ("decision rights between Sales, Marketing and Customer Service"
                                 if en else "beslisbevoegdheden tussen Sales, Marketing en "
                                            "Customer Service"),
        "area_heading": header[0],
        "parties": header[1:],
        "rows": [{"area": row[0], "cells": row[1:]} for row in rows],
        "legend": [t("en" if en else "nl") for t in LEGEND],
        "note_label": "Note" if en else "Toelichting",
        "note": note,
    }


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def render_raci_pdf(**kwargs: object) -> bytes:
    """Render the page; keyword arguments as for :func:`raci_data`."""
    data = raci_data(**kwargs)  # type: ignore[arg-type]
    agreed_at = kwargs["agreed_at"]
    assert isinstance(agreed_at, datetime)
    template = resources.files("tandem.report") / "templates" / TEMPLATE
    with resources.as_file(template) as path:
        pdf = typst.compile(
            str(path), format="pdf",
            sys_inputs={"data": json.dumps(data, ensure_ascii=False)},
            ignore_system_fonts=True,
            timestamp=agreed_at.astimezone(UTC).replace(microsecond=0),
        )
    assert isinstance(pdf, bytes)
    return pdf


__all__ = ["PARTY_LABELS", "TITLE", "raci_data", "raci_table", "render_raci_pdf"]
