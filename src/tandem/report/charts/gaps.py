"""Perception gaps: each group's score per scale with its interval, notable gaps marked."""

from __future__ import annotations

from collections.abc import Sequence

from tandem.contract.result import Result
from tandem.i18n import Text
from tandem.report.charts._svg import (
    FAINT,
    GROUP_COLOURS,
    GROUP_SHAPES,
    MUTED,
    RULE,
    _document,
    _empty,
    _group_figure,
    _join,
    _line,
    _marker,
    _rect,
    _text,
    _text_width,
    _tip,
    _wrap,
)
from tandem.report.wording import MEASURE, number

T = {
    "gaps_title": Text("Verschillen in beleving", "Perception gaps"),
    "gaps_desc": Text(
        "Op 0–100 per schaal en groep, met 95%-betrouwbaarheidsinterval: spanningsbronnen als "
        "spanning, de rest als score. {rows}.",
        "On 0–100 per scale and group, with 95% confidence interval: tension sources as "
        "tension, the rest as score. {rows}.",
    ),
    "notable_mark": Text("* duidelijk verschil tussen groepen", "* clear gap between groups"),
    "ci": Text("lijn = 95%-interval", "line = 95% interval"),
}


def perception_gap_chart(result: Result, lang: str, scales: Sequence[str] | None = None) -> str:
    """Per scale, each displayed group's score (0-100) with its 95% CI, side by side.

    Groups differ in colour *and* marker shape; a scale with a notable gap between two
    groups is starred. ``scales`` limits and orders the rows (default: all scales).
    """
    prefix = "tandem-gaps"
    title = T["gaps_title"](lang)
    chosen = [result.scale(s) for s in scales] if scales is not None else list(result.scales)
    chosen = [s for s in chosen if any(not g.suppressed and g.score is not None for g in s.groups)]
    groups = list(result.meta.groups)
    if not chosen or not groups:
        return _empty(prefix, title, lang)
    notable = {g.scale for g in result.gaps if g.tier == "clear"}
    names = {s.id: s.title(lang) + (" *" if s.id in notable else "") for s in chosen}
    widest = max(
        _text_width(line, 11.5, bold=s.id in notable)
        for s in chosen
        for line in _wrap(names[s.id], 30, 2)
    )
    label_w = max(200.0, widest + 12)  # every label whole, right-aligned at label_w - 8
    left, right = label_w + 10, label_w + 410
    width = right + 10
    scale_x = (right - left) / 100.0
    sub = 8.0
    row_h = max(30.0, sub * len(groups) + 10)
    body: list[str] = []
    # Legend: one marker and name per group.
    x, ly = 0.0, 12.0
    for i, g in enumerate(groups):
        name = g.label(lang)
        needed = 26 + _text_width(name, 11.5) + 8
        if x and x + needed > width:
            x, ly = 0.0, ly + 18
        body.append(_marker(GROUP_SHAPES[i % 7], x + 6, ly, 5, GROUP_COLOURS[i % 7]))
        body.append(_text(x + 16, ly + 4, name, size=11.5))
        x += needed
    y = ly + 22
    body.append(
        _text(0, y + 10, T["notable_mark"](lang) + " · " + T["ci"](lang), size=10.5, fill=MUTED)
    )
    y += 22
    top = y
    rows: list[str] = []
    for r, s in enumerate(chosen):
        if r % 2 == 0:
            body.append(_rect(0, y, width, row_h, FAINT))
        lines = _wrap(names[s.id], 30, 2)
        for i, line in enumerate(lines):
            offset = (i - (len(lines) - 1) / 2) * 13
            body.append(
                _text(
                    label_w - 8,
                    y + row_h / 2 + 4 + offset,
                    line,
                    size=11.5,
                    anchor="end",
                    weight="700" if s.id in notable else None,
                )
            )
        parts: list[str] = []
        for i, g in enumerate(groups):
            gy = y + (row_h - sub * len(groups)) / 2 + sub / 2 + i * sub
            figure = _group_figure(s, g.id)
            gname = g.label(lang)
            if figure is None or figure.suppressed or figure.score is None:
                parts.append(f"{gname} —")
                continue
            value, low, high = figure.shown(s.measure)
            assert value is not None
            colour = GROUP_COLOURS[i % 7]
            marks = ""
            if low is not None and high is not None:
                marks += _line(left + low * scale_x, gy, left + high * scale_x, gy, colour, 1.6)
            marks += _marker(GROUP_SHAPES[i % 7], left + value * scale_x, gy, 4, colour)
            ci = ""
            if low is not None and high is not None:
                ci = f" ({number(low, lang)}–{number(high, lang)})"
            shown = f"{gname} {MEASURE[s.measure](lang)} {number(value, lang)}{ci}"
            body.append(f"<g>{_tip(f'{s.title(lang)} · {shown}')}{marks}</g>")
            parts.append(shown)
        rows.append(f"{s.title(lang)}: {', '.join(parts)}")
        y += row_h
    for tick in (0, 20, 40, 60, 80, 100):
        x = left + tick * scale_x
        body.insert(0, _line(x, top, x, y, "#dfe3e8" if tick not in (0, 100) else RULE))
        body.append(_text(x, y + 14, number(tick, lang), size=10, anchor="middle", fill=MUTED))
    desc = T["gaps_desc"](lang).format(rows=_join(rows))
    return _document(prefix, width, y + 22, title, desc, body)
