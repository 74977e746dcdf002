"""What the mirror's pages draw, picked from the core's figures in the reader's language.

Nothing is decided here: the order, the verdicts and what is withheld come from
:func:`tandem.analysis.mirror.mirror`.
"""

from __future__ import annotations

from typing import Any

from tandem.analysis.mirror import Mirror as MirrorFigures
from tandem.analysis.mirror import MirrorStage
from tandem.instrument.customer import CustomerQuestionnaire
from tandem.report.wording import DECIDER, capitalise, number, percent


def _owner(stage: MirrorStage, lang: str) -> str:
    inside = stage.internal
    if inside is None or inside.clear_owner is None:
        return ""
    owner = inside.clear_owner
    return DECIDER[owner](lang) if owner in DECIDER else owner


def mirror_rows(figures: MirrorFigures, lang: str) -> list[dict[str, Any]]:
    """One row per stage, in the core's order (flagged stages first)."""
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
            "clarity": percent(inside.clarity, lang) if inside and inside.clarity is not None
            else "—",
            "consistency": number(inside.consistency_score, lang)
            if inside and inside.consistency_score is not None else "—",
            "customers": None if customers is None else {
                "score": number(customers.score, lang),
                "low": number(customers.ci_low, lang),
                "high": number(customers.ci_high, lang),
                "n": str(customers.n),
                "width": f"{customers.score:.0f}",
            },
        })
    return rows


def questions(questionnaire: CustomerQuestionnaire, stage: str, lang: str,
              chosen: dict[str, str]) -> list[dict[str, Any]]:
    """The stage's statements with their options (5 agreement steps and "don't know")."""
    options = [(str(o.value), o.label(lang)) for o in questionnaire.options]
    options.append(("dk", questionnaire.dont_know(lang)))
    return [{"id": s.id, "text": s.text(lang), "value": chosen.get(s.id, ""),
             "options": options} for s in questionnaire.statements_for(stage)]
