"""The perception gaps section: the gap chart and the table of notable gaps."""

from __future__ import annotations

from typing import Any

from tandem.contract.result import Result
from tandem.report import charts
from tandem.report.pdf._blocks import _chart, _para, _section, _table
from tandem.report.pdf._words import T
from tandem.report.wording import (
    capitalise,
    gap_sentence,
    number,
)

TABLE_GAPS = 12


def _gaps(result: Result, lang: str) -> dict[str, Any]:
    def t(key: str) -> str:
        return T[key](lang)

    blocks: list[dict[str, Any]] = [_para(t("gaps_lead"), "lead")]
    if result.meta.groups:
        blocks.append(_chart(charts.perception_gap_chart(result, lang)))
    notable = result.ranked_gaps(notable=True)
    blocks.append(_para(t("gaps_table"), "h2"))
    if notable:
        rows = [
            [
                capitalise(gap_sentence(result, g, lang)),
                number(abs(g.difference), lang),
                f"{number(g.hedges_g, lang, 2)} "
                f"[{number(g.g_ci_low, lang, 2)}; {number(g.g_ci_high, lang, 2)}]",
                number(g.q, lang, 3),
            ]
            for g in notable[:TABLE_GAPS]
        ]
        blocks.append(
            _table(
                [t("gap_col"), t("points"), "Hedges' g [95%]", "q"],
                rows,
                [4, 0, 0, 0],
                ["left", "right", "right", "right"],
            )
        )
        if len(notable) > TABLE_GAPS:
            blocks.append(
                _para(t("more_gaps").format(shown=TABLE_GAPS, total=len(notable)), "note")
            )
    else:
        blocks.append(_para(t("no_gaps")))
    too_few = sum(1 for g in result.gaps if g.verdict == "too_few_to_tell")
    if too_few:
        blocks.append(_para(t("too_few_gaps").format(n=too_few), "note"))
    return _section(t("gaps"), blocks)
