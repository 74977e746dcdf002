"""The empathy gap section (only when the scan asked the meta-perception statements):
per direction its summary and one row per statement, worded by :mod:`tandem.report.empathy`."""

from __future__ import annotations

from typing import Any

from tandem.contract.result import Result
from tandem.report import empathy as words
from tandem.report.charts.empathy import empathy_chart
from tandem.report.pdf._blocks import _chart, _para, _section, _table


def _empathy(result: Result, lang: str) -> dict[str, Any]:
    blocks: list[dict[str, Any]] = [_para(words.INTRO(lang), "lead")]
    heads = [words.HEADINGS[h](lang) for h in ("statement", "predicted", "actual", "gap",
                                                 "verdict")]
    for direction in result.empathy.directions:
        blocks.append(_para(words.direction_title(direction, lang), "h2"))
        if direction.suppressed:
            blocks.append(_para(words.HIDDEN(lang)))
            continue
        blocks.append(_para(words.direction_summary(direction, lang)))
        if direction.statements:
            blocks.append(_chart(empathy_chart(result, direction, lang)))
        rows = words.rows(result, direction, lang)
        if rows:
            blocks.append(_table(
                heads,
                [[r.statement, r.predicted, r.actual, f"{r.gap} [{r.interval}]", r.verdict]
                 for r in rows],
                [3, 0, 0, 0, 4],
                ["left", "right", "right", "right", "left"],
            ))
    blocks.append(_para(words.METHOD(lang)))
    return _section(words.TITLE(lang), blocks)
