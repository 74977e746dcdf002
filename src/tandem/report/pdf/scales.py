"""The phase and tension sections: the ladder, the tension bars and heatmap."""

from __future__ import annotations

from typing import Any

from tandem.analysis.phase import PHASE_LABELS
from tandem.contract.result import Result
from tandem.report import charts
from tandem.report.pdf._blocks import _chart, _para, _section, _table
from tandem.report.pdf._words import T
from tandem.report.wording import (
    group_label,
    percent,
)


def _phase(result: Result, lang: str) -> dict[str, Any]:
    def t(key: str) -> str:
        return T[key](lang)

    phase = result.phase
    assert phase is not None
    bar = f"{result.meta.block_met_at:.0f}"
    blocks = [
        _para(t("phase_lead").format(phase=phase.ladder.label(lang), bar=bar), "lead"),
        _chart(charts.phase_ladder(result, lang)),
    ]
    if phase.note is not None:
        blocks.append(_para(phase.note(lang), "callout"))
    shown = [g for g in phase.by_group if not g.suppressed and g.distribution is not None]
    if shown:
        header = [t("group"), "n", *(PHASE_LABELS[p](lang).split(" · ")[0] for p in (1, 2, 3, 4))]
        rows = []
        for g in shown:
            assert g.distribution is not None
            cells: list[str | dict[str, str]] = [
                {"b": percent(share, lang)} if g.modal == p + 1 else percent(share, lang)
                for p, share in enumerate(g.distribution)
            ]
            rows.append([group_label(result, g.group, lang), str(g.n), *cells])
        blocks += [
            _para(t("perceived"), "h2"),
            _table(header, rows, [2.2, 0, 1, 1, 1, 1], ["left", "right", *["right"] * 4],
                   note=t("perceived_note")),
        ]
    return _section(t("phase"), blocks)


def _tensions(result: Result, lang: str) -> dict[str, Any]:
    def t(key: str) -> str:
        return T[key](lang)

    blocks = [
        _para(t("tensions_lead").format(high=f"{result.meta.high_tension:.0f}"), "lead"),
        _chart(charts.tension_bars(result, lang)),
    ]
    if result.meta.groups:
        blocks += [
            _para(t("heatmap"), "h2"),
            _chart(charts.tension_heatmap(result, lang), caption=t("heatmap_note")),
        ]
    return _section(t("tensions"), blocks)
