"""The customer mirror in the report (only when the scan had one and it is closed): per
journey stage, what customers saw beside who owns the stage inside, flagged stages
first; the same rows as the web's tab (:mod:`tandem.report.mirror`)."""

from __future__ import annotations

from typing import Any

from tandem.analysis.mirror import Mirror
from tandem.i18n import Text
from tandem.report.mirror import mirror_rows
from tandem.report.pdf._blocks import Cell, _para, _section, _table
from tandem.report.wording import number

W = {
    "title": Text("Klantspiegel", "Customer mirror"),
    "lead": Text(
        "Eén merkbeleving over de hele klantreis, van twee kanten gemeten: per fase wat "
        "klanten zagen, naast wie intern eigenaar is van de fase en hoe consistent het team "
        "die vindt.",
        "One brand experience across the journey, measured from both sides: per stage, what "
        "customers saw beside who owns the stage inside and how consistent the team finds it.",
    ),
    "headers": Text("Fase|Klanten|Eigenaar intern|Helderheid|Consistentie intern|Wat het betekent",
                    "Stage|Customers|Owner inside|Clarity|Consistency inside|What it means"),
    "rule": Text(
        "De fasen waar klanten een breuk zien, staan bovenaan. De score van klanten loopt van "
        "0 tot 100, met het 95%-interval; onder {bar} zien klanten een breuk. Een fase toont "
        "het beeld van klanten alleen als ten minste {k} klanten erover antwoordden.",
        "The stages where customers see a break come first. The customers' score is 0–100 "
        "with its 95% interval; below {bar} customers see a break. A stage shows the "
        "customers' view only when at least {k} customers answered about it.",
    ),
    "too_few": Text("te weinig antwoorden", "too few answers"),
    "inside_unknown": Text(
        "De scan heeft te weinig respondenten om de interne kant te tonen; hier staat alleen "
        "het beeld van klanten.",
        "The scan has too few respondents to show the internal side; this shows the "
        "customers' view only.",
    ),
}


def _mirror(figures: Mirror, lang: str) -> dict[str, Any]:
    rows = mirror_rows(figures, lang)
    table: list[list[Cell]] = []
    for r in rows:
        customers = r["customers"]
        seen = (f"{customers['score']} ({customers['low']}–{customers['high']}; "
                f"n = {customers['n']})" if customers else W["too_few"](lang))
        label: Cell = {"b": r["label"]} if r["flagged"] else r["label"]
        table.append([label, seen, r["owner_text"], r["clarity"], r["consistency"],
                      r["verdict"]])
    blocks = [_para(W["lead"](lang), "lead")]
    if not any(r["known_inside"] for r in rows):
        blocks.append(_para(W["inside_unknown"](lang)))
    blocks.append(_table(
        W["headers"](lang).split("|"), table, [0.16, 0.2, 0.14, 0.1, 0.12, 0.28],
        ["left", "left", "left", "right", "right", "left"],
        note=W["rule"](lang).format(bar=number(figures.break_below, lang), k=figures.k),
    ))
    return _section(W["title"](lang), blocks)
