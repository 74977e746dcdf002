"""The customer mirror as people read it: one row per journey stage, inside beside the
customers, in the core's order (flagged stages first). The web's tab and the PDF report
show these same rows; nothing is decided here (:func:`tandem.analysis.mirror.mirror`
orders, judges and withholds)."""

from __future__ import annotations

from typing import Any

from tandem.analysis.mirror import Mirror, MirrorStage
from tandem.report.wording import DECIDER, UNOWNED, capitalise, number, percent

NOT_KNOWN = "—"


def _owner(stage: MirrorStage, lang: str) -> str:
    inside = stage.internal
    if inside is None or inside.clear_owner is None:
        return ""
    owner = inside.clear_owner
    return DECIDER[owner](lang) if owner in DECIDER else owner


def owner_words(stage: MirrorStage, lang: str) -> str:
    """Who owns the stage inside, as a reader is told: "no owner", the owner's name, or
    "" where the scan does not say (the PDF and the deck write a dash there, the
    workbook an empty cell)."""
    inside = stage.internal
    return UNOWNED(lang) if inside is not None and inside.unowned else _owner(stage, lang)


def mirror_rows(figures: Mirror, lang: str) -> list[dict[str, Any]]:
    """One row per stage, in the core's order (flagged stages first); ``customers`` is
    None where fewer than k customers answered (and then no count is given either)."""
    rows = []
    for s in figures.stages:
        inside, customers = s.internal, s.customers
        rows.append({
            "stage": s.stage,
            "label": capitalise(s.label(lang)),
            "verdict": s.verdict.text(lang),
            "verdict_id": s.verdict.id,
            "flagged": s.verdict.flagged,
            "known_inside": inside is not None,
            "unowned": inside is not None and inside.unowned,
            "owner": _owner(s, lang),
            # the owner as a line of text says it (the PDF, the deck)
            "owner_text": owner_words(s, lang) or NOT_KNOWN,
            "clarity": percent(inside.clarity, lang) if inside and inside.clarity is not None
            else NOT_KNOWN,
            "consistency": number(inside.consistency_score, lang)
            if inside and inside.consistency_score is not None else NOT_KNOWN,
            "customers": None if customers is None else {
                "score": number(customers.score, lang),
                "low": number(customers.ci_low, lang),
                "high": number(customers.ci_high, lang),
                "n": str(customers.n),
                "width": f"{customers.score:.0f}",
            },
        })
    return rows
