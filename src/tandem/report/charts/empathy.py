"""The empathy gap as a dumbbell chart: per statement, what one department expects the
other to answer (open ring) beside what the other answered (filled dot), agreement 0-100.
The line between them is the gap; it is dark where the interval excludes 0."""

from __future__ import annotations

from tandem.contract.result import EmpathyDirection, Result
from tandem.i18n import Text
from tandem.report import empathy as words
from tandem.report.charts._svg import (
    ACCENT,
    FAINT,
    HIGH,
    MUTED,
    RULE,
    _document,
    _join,
    _line,
    _num,
    _text,
    _tip,
    _wrap,
)

T = {
    "title": Text("{a} over {b}: verwacht en eigen antwoord",
                  "{a} about {b}: expected and own answer"),
    "expected": Text("wat {a} verwacht", "what {a} expects"),
    "own": Text("eigen antwoord van {b}", "{b}'s own answer"),
    "axis": Text("instemming 0-100", "agreement 0-100"),
    "desc": Text("Per uitspraak verwacht en eigen antwoord (instemming 0-100): {rows}.",
                 "Per statement, expected and own answer (agreement 0-100): {rows}."),
}
LABEL_W, PLOT_W, ROW_H = 250.0, 330.0, 34.0


def _ring(x: float, y: float, colour: str) -> str:
    return (f'<circle cx="{_num(x)}" cy="{_num(y)}" r="5" fill="#ffffff" '
            f'stroke="{colour}" stroke-width="2"/>')


def _dot(x: float, y: float, colour: str) -> str:
    return f'<circle cx="{_num(x)}" cy="{_num(y)}" r="5" fill="{colour}"/>'


def empathy_chart(result: Result, direction: EmpathyDirection, lang: str) -> str:
    """One direction's statements, largest gap first (as the table beside it)."""
    names = {"a": words.department_name(direction.predictor, lang),
             "b": words.department_name(direction.predicted, lang)}
    prefix = f"tandem-empathy-{direction.predictor}"
    title = T["title"](lang).format(**names)
    rows = words.rows(result, direction, lang)
    left, right = LABEL_W + 10, LABEL_W + 10 + PLOT_W
    width = right + 12
    scale = PLOT_W / 100.0
    body: list[str] = [
        _ring(6, 12, ACCENT), _text(16, 16, T["expected"](lang).format(**names), size=11.5),
        _dot(196, 12, ACCENT), _text(206, 16, T["own"](lang).format(**names), size=11.5),
    ]
    top = y = 32.0
    described: list[str] = []
    for r, row in enumerate(rows):
        if r % 2 == 0:
            body.append(f'<rect x="0" y="{_num(y)}" width="{_num(width)}" '
                        f'height="{_num(ROW_H)}" fill="{FAINT}"/>')
        lines = _wrap(row.statement, 40, 2)
        for i, line in enumerate(lines):
            offset = (i - (len(lines) - 1) / 2) * 13
            body.append(_text(LABEL_W, y + ROW_H / 2 + 4 + offset, line, size=11, anchor="end"))
        cy = y + ROW_H / 2
        x_exp, x_own = left + row.predicted_value * scale, left + row.actual_value * scale
        shown = f"{row.statement} {row.predicted} / {row.actual} ({row.gap})"
        marks = (_line(x_exp, cy, x_own, cy, HIGH if row.strong else RULE, 3)
                 + _dot(x_own, cy, ACCENT) + _ring(x_exp, cy, ACCENT))
        body.append(f"<g>{_tip(shown)}{marks}</g>")
        described.append(shown)
        y += ROW_H
    for tick in (0, 25, 50, 75, 100):
        x = left + tick * scale
        body.insert(0, _line(x, top, x, y, "#dfe3e8" if tick not in (0, 100) else RULE))
        body.append(_text(x, y + 14, str(tick), size=10, anchor="middle", fill=MUTED))
    body.append(_text(left + PLOT_W / 2, y + 28, T["axis"](lang), size=10, anchor="middle",
                      fill=MUTED))
    desc = T["desc"](lang).format(rows=_join(described))
    return _document(prefix, width, y + 36, title, desc, body)
