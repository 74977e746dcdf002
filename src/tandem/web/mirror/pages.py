"""What the mirror's pages draw, in the reader's language: the stages' rows (the same
rows as the PDF report's, :mod:`tandem.report.mirror`) and a stage's statements.

Nothing is decided here: the order, the verdicts and what is withheld come from
:func:`tandem.analysis.mirror.mirror`.
"""

from __future__ import annotations

from typing import Any

from tandem.instrument.customer import CustomerQuestionnaire
from tandem.report.mirror import mirror_rows

__all__ = ["mirror_rows", "questions"]


def questions(questionnaire: CustomerQuestionnaire, stage: str, lang: str,
              chosen: dict[str, str]) -> list[dict[str, Any]]:
    """The stage's statements with their options (5 agreement steps and "don't know")."""
    options = [(str(o.value), o.label(lang)) for o in questionnaire.options]
    options.append(("dk", questionnaire.dont_know(lang)))
    return [{"id": s.id, "text": s.text(lang), "value": chosen.get(s.id, ""),
             "options": options} for s in questionnaire.statements_for(stage)]
