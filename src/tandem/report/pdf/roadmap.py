"""The roadmap and the organisation's action plan."""

from __future__ import annotations

from typing import Any

from tandem.contract.result import Result
from tandem.report.action_plan import ActionPlanSection
from tandem.report.pdf._blocks import _list, _para, _section, _table
from tandem.report.pdf._words import T
from tandem.report.wording import (
    STEP_STATUS,
)


def _roadmap(result: Result, lang: str) -> dict[str, Any]:
    def t(key: str) -> str:
        return T[key](lang)

    target = result.target
    phase = result.phase
    assert target is not None and phase is not None
    steps = [
        {
            "rank": str(s.rank or ""),
            "title": s.title(lang),
            "status": s.status,
            "status_label": STEP_STATUS[s.status](lang),
            "why": s.why(lang),
            "description": s.description(lang),
        }
        for s in result.roadmap
        if s.status != "in_place"
    ]
    blocks: list[dict[str, Any]] = [
        _para(
            t("roadmap_lead").format(now=phase.ladder.label(lang), target=target.label(lang)),
            "lead",
        ),
        {"kind": "steps", "steps": steps},
    ]
    in_place = [s for s in result.roadmap if s.status == "in_place"]
    if in_place:
        blocks += [_para(t("in_place"), "h2"), _list(s.title(lang) for s in in_place)]
    return _section(t("roadmap"), blocks)


def _action_plan(plan: ActionPlanSection, lang: str) -> dict[str, Any]:
    late = T["actions_late"](lang).format(late=plan.late, total=len(plan.rows))
    width = 1.0 / len(plan.headers)
    return _section(
        plan.title,
        [
            _para(late, "lead"),
            _table(
                plan.headers, plan.rows, [width] * len(plan.headers), ["left"] * len(plan.headers)
            ),
        ],
    )
