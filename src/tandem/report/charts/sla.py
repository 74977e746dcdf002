"""The agreement's recorded months as a small trend line: one mark per month against
the agreed target.

A met month is a filled circle, a month that fell short a cross, so the chart reads in
greyscale; the target is a dashed line (a step where a weekly target makes the months
differ). Months come in the order the attainment gives them (oldest first); whether a
month is met is the core's verdict (:func:`tandem.analysis.sla.recorded_attainment`).
"""

from __future__ import annotations

from tandem.analysis.sla import Attainment
from tandem.i18n import Text
from tandem.report.charts._svg import (
    ACCENT,
    HIGH,
    MUTED,
    RULE,
    _document,
    _empty,
    _line,
    _marker,
    _text,
    _tip,
)
from tandem.report.wording import number

T = {
    "title": Text("Verloop per maand", "Month by month"),
    "desc": Text("Per maand het resultaat tegen het doel (stippellijn). {rows}.",
                 "Per month the figure against the target (dashed line). {rows}."),
    "met": Text("gehaald", "met"),
    "missed": Text("niet gehaald", "not met"),
    "target": Text("doel", "target"),
}


def _figure(value: float, percent: bool, lang: str) -> str:
    text = number(value, lang, 0 if value == round(value) else 1)
    return f"{text}%" if percent else text


def attainment_trend(attainment: Attainment, lang: str, *, percent: bool = False) -> str:
    """A sparkline of the recorded months (``percent``: the figures are shares in %)."""
    prefix = f"tandem-sla-{attainment.commitment.id}"
    title = T["title"](lang)
    months = [m for m in attainment.months if m.value is not None]
    if not months:
        return _empty(prefix, title, lang)
    left, top, plot_h = 10.0, 10.0, 60.0
    inner = max(44.0 * (len(months) - 1), 220.0)  # room for the first and last month
    step = inner / max(len(months) - 1, 1)
    width, height = left * 2 + inner, top + plot_h + 24
    values = [m.value or 0.0 for m in months] + [m.target for m in months]
    # From zero (the base line is zero, so a figure on it must mean zero), up to the
    # highest figure or target: 92% against 100% shows as nearly there, not as nothing.
    low, high = min(0.0, *values), max(values)
    span = (high - low) or 1.0

    def y(value: float) -> float:
        return top + plot_h - plot_h * (value - low) / span

    def x(i: int) -> float:
        return left + step * i if len(months) > 1 else left + inner / 2

    body: list[str] = [_line(left, top + plot_h, width - left, top + plot_h, RULE)]
    for i, m in enumerate(months):  # the target: dashed, level within each month
        x0 = x(i) - step / 2 if i else left
        x1 = x(i) + step / 2 if i < len(months) - 1 else width - left
        body.append(_line(x0, y(m.target), x1, y(m.target), MUTED, 1.2, dash="4 3"))
    points = " ".join(f"{x(i):.1f},{y(m.value or 0.0):.1f}" for i, m in enumerate(months))
    body.append(f'<polyline points="{points}" fill="none" stroke="{ACCENT}" '
                'stroke-width="1.6"/>')
    rows: list[str] = []
    for i, m in enumerate(months):
        word = T["met"](lang) if m.met else T["missed"](lang)
        label = (f"{m.month}: {_figure(m.value or 0.0, percent, lang)} "
                 f"({T['target'](lang)} {_figure(m.target, percent, lang)}), {word}")
        mark = (_marker("circle", x(i), y(m.value or 0.0), 4.2, ACCENT) if m.met
                else _marker("cross", x(i), y(m.value or 0.0), 4.2, HIGH))
        body.append(f"<g>{_tip(label)}{mark}</g>")
        rows.append(label)
    body.append(_text(left, y(months[0].target) - 4,
                      f"{T['target'](lang)} {_figure(months[0].target, percent, lang)}", size=10,
                      fill=MUTED))
    first, last = months[0].month, months[-1].month
    body.append(_text(left, height - 6, first, size=10, fill=MUTED))
    if len(months) > 1:
        body.append(_text(width - left, height - 6, last, size=10, anchor="end", fill=MUTED))
    desc = T["desc"](lang).format(rows="; ".join(rows))
    return _document(prefix, width, height, title, desc, body)
