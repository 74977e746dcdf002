"""The decision rights and customer journey sections."""

from __future__ import annotations

from typing import Any

from tandem.contract.result import Result
from tandem.report import charts
from tandem.report.pdf._blocks import _chart, _para, _section, _table
from tandem.report.pdf._words import T
from tandem.report.wording import (
    CONTESTED,
    DECIDER,
    UNOWNED,
    capitalise,
    number,
    percent,
)


def _decider(code: str | None, lang: str) -> str:
    if code is None:
        return "—"
    return capitalise(DECIDER[code](lang)) if code in DECIDER else code


def _decisions(result: Result, lang: str) -> dict[str, Any]:
    def t(key: str) -> str:
        return T[key](lang)

    blocks: list[dict[str, Any]] = [
        _para(t("decisions_lead"), "lead"),
        _chart(charts.decision_matrix(result, lang)),
    ]
    groups = list(result.meta.groups)
    if groups:
        rows = []
        for area in result.decision_rights:
            cells = []
            for info in groups:
                chosen = next((g for g in area.groups if g.group == info.id), None)
                cells.append(
                    "—" if chosen is None or chosen.suppressed else _decider(chosen.modal, lang)
                )
            label = capitalise(area.label(lang))
            rows.append([label + (f" ({CONTESTED(lang)})" if area.contested else ""), *cells])
        strong = [i for i, a in enumerate(result.decision_rights) if a.contested]
        blocks += [
            _para(t("by_group"), "h2"),
            _table(
                [t("area"), *(g.label(lang) for g in groups)],
                rows,
                [2.4, *([1] * len(groups))],
                ["left", *(["left"] * len(groups))],
                strong,
            ),
        ]
    should = [a for a in result.decision_rights if a.should is not None and not a.should.suppressed]
    if should:
        rows = []
        for area in should:
            assert area.should is not None
            dist = area.should.distribution or {}
            modal = area.should.modal
            rows.append(
                [
                    capitalise(area.label(lang)),
                    _decider(area.modal, lang),
                    _decider(modal, lang),
                    percent(dist[modal], lang) if modal in dist else "—",
                ]
            )
        blocks += [
            _para(t("should"), "h2"),
            _table(
                [t("area"), t("now_col"), t("should_col"), t("share")],
                rows,
                [2.4, 1.2, 1.2, 0],
                ["left", "left", "left", "right"],
            ),
        ]
    return _section(t("decisions"), blocks)


def _journey(result: Result, lang: str) -> dict[str, Any]:
    def t(key: str) -> str:
        return T[key](lang)

    rows = []
    for stage in result.journey:
        rows.append(
            [
                stage.label(lang),
                _decider(stage.clear_owner, lang)
                if stage.clear_owner is not None
                else capitalise(UNOWNED(lang)),
                percent(stage.clarity, lang) if stage.clarity is not None else "—",
                number(stage.consistency_score, lang)
                if stage.consistency_score is not None
                else "—",
            ]
        )
    strong = [i for i, s in enumerate(result.journey) if s.unowned]
    blocks = [
        _para(t("journey_lead"), "lead"),
        _chart(charts.journey_stages(result, lang, per_row=3)),
        _table(
            [t("stage"), t("owner"), t("clarity"), t("consistency")],
            rows,
            [2, 2, 0, 0],
            ["left", "left", "right", "right"],
            strong,
        ),
    ]
    return _section(t("journey"), blocks)
