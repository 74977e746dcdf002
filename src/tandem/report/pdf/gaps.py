"""The perception gaps section: the gap chart and the table of clear and possible gaps."""

from __future__ import annotations

from typing import Any

from tandem.contract.result import Result
from tandem.report import charts
from tandem.report.pdf._blocks import _chart, _para, _section, _table
from tandem.report.pdf._words import T
from tandem.report.wording import (
    GAP_FAMILY,
    VERDICT,
    capitalise,
    gap_interval,
    gap_sentence,
    gaps_in_words,
    number,
)

TABLE_GAPS = 12


def _gaps(result: Result, lang: str) -> dict[str, Any]:
    def t(key: str) -> str:
        return T[key](lang)

    blocks: list[dict[str, Any]] = [_para(t("gaps_lead"), "lead")]
    if result.meta.groups:
        blocks.append(_chart(charts.perception_gap_chart(result, lang)))
    tiered = result.ranked_gaps(tiered=True)
    blocks.append(_para(t("gaps_table"), "h2"))
    if tiered:
        rows = [
            [
                VERDICT[g.verdict](lang),
                capitalise(gap_sentence(result, g, lang)),
                f"{number(abs(g.difference), lang)} {gap_interval(g, lang)}",
                GAP_FAMILY[g.family](lang),
            ]
            for g in tiered[:TABLE_GAPS]
        ]
        more = len(tiered) > TABLE_GAPS
        blocks.append(
            _table(
                [t("gap_tier"), t("gap_col"), t("points_ci"), t("gap_family")],
                rows,
                [1, 4, 1, 1],
                ["left", "left", "right", "left"],
                note=t("more_gaps").format(shown=TABLE_GAPS, total=len(tiered)) if more else "",
            )
        )
    none = gaps_in_words(result, lang)
    if none:
        blocks.append(_para(none))
    return _section(t("gaps"), blocks)
