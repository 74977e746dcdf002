"""Tension sources: bars per family in the core's order, and the source × group heatmap."""

from __future__ import annotations

from tandem.contract.result import Result, ScaleResult
from tandem.i18n import Text
from tandem.report.charts._svg import (
    HIGH,
    INK,
    LOW,
    MUTED,
    RULE,
    TENSION_RAMP,
    _document,
    _empty,
    _group_figure,
    _hatch_defs,
    _join,
    _line,
    _ramp,
    _rect,
    _text,
    _text_width,
    _tip,
    _value_cell,
    _withheld_cell,
    _wrap,
)
from tandem.report.wording import EVERYONE, FAMILY, WITHHELD, group_label, number

T = {
    "tension_title": Text("Spanningsbronnen", "Sources of tension"),
    "tension_desc": Text(
        "Spanning per bron op 0–100 (hoger is meer spanning; {high} of meer is hoog). {items}.",
        "Tension per source on 0–100 (higher is more tension; {high} or more is high). {items}.",
    ),
    "high": Text("hoog", "high"),
    "high_line": Text("{high} = hoog", "{high} = high"),
    "heatmap_title": Text("Spanning per bron en groep", "Tension by source and group"),
    "heatmap_desc": Text(
        "Spanning op 0–100 per bron (rijen) en groep (kolommen); donkerder is meer spanning. "
        "Niet getoond (—): minder dan {k} respondenten. {rows}.",
        "Tension on 0–100 per source (rows) and group (columns); darker is more tension. "
        "Withheld (—): fewer than {k} respondents. {rows}.",
    ),
    "withheld_legend": Text("— niet getoond (te weinig respondenten)", "— withheld (too few)"),
}


FAMILIES = ("economic", "cultural", "organisational")


def _tension_sources(result: Result) -> dict[str, list[ScaleResult]]:
    """Tension sources per family, in the core's order (``Result.tension_order``)."""
    grouped: dict[str, list[ScaleResult]] = {}
    for s in result.ranked_tensions():
        grouped.setdefault(s.family or "other", []).append(s)
    ordered = {f: grouped[f] for f in FAMILIES if f in grouped}
    ordered.update({f: m for f, m in grouped.items() if f not in ordered})
    return ordered


def _family_label(family: str, lang: str) -> str:
    return FAMILY[family](lang) if family in FAMILY else family


def _family_heading(family: str, baseline: float, lang: str) -> str:
    """The family's name in capitals above its rows (bars and heatmap alike)."""
    return _text(0, baseline, _family_label(family, lang).upper(), size=10.5, weight="700",
                 fill=MUTED)


def tension_bars(result: Result, lang: str) -> str:
    """All tension sources as bars, grouped economic / cultural / organisational."""
    prefix = "tandem-tensions"
    title = T["tension_title"](lang)
    families = _tension_sources(result)
    if not families:
        return _empty(prefix, title, lang)
    bar = result.meta.high_tension
    width, label_w, left, right = 600.0, 180.0, 190.0, 540.0
    scale = (right - left) / 100.0
    body: list[str] = []
    high_x = left + bar * scale
    body.append(
        _text(
            high_x,
            14,
            T["high_line"](lang).format(high=f"{bar:.0f}"),
            size=10.5,
            anchor="middle",
            fill=MUTED,
        )
    )
    y = 24.0
    top = y
    described: list[str] = []
    for family, members in families.items():
        body.append(_family_heading(family, y + 14, lang))
        y += 22
        for s in members:
            name = s.title(lang)
            body.append(_text(label_w - 8, y + 12, name, size=12, anchor="end"))
            if s.tension is None:
                body.append(_text(left + 6, y + 13, "—", size=11, fill=MUTED))
                described.append(f"{name}: —")
            else:
                high = s.high
                fill = HIGH if high else LOW
                value = number(s.tension, lang)
                tip = f"{name}: {value}" + (f" ({T['high'](lang)})" if high else "")
                body.append(f"<g>{_tip(tip)}{_rect(left, y + 2, s.tension * scale, 14, fill)}</g>")
                label = value + (f"  {T['high'](lang)}" if high else "")
                body.append(
                    _text(
                        left + s.tension * scale + 6,
                        y + 13.5,
                        label,
                        size=11.5,
                        weight="700" if high else None,
                    )
                )
                described.append(tip)
            y += 22
        y += 6
    body.insert(1, _line(high_x, top + 4, high_x, y - 4, INK, 1.2, dash="4 3"))
    body.append(_line(left, y, right, y, RULE))
    for tick in (0, 20, 40, 60, 80, 100):
        x = left + tick * scale
        body.append(_line(x, y, x, y + 4, MUTED))
        body.append(_text(x, y + 16, number(tick, lang), size=10, anchor="middle", fill=MUTED))
    desc = T["tension_desc"](lang).format(high=f"{bar:.0f}", items=_join(described))
    return _document(prefix, width, y + 22, title, desc, body)


def _columns(result: Result) -> list[tuple[str, str | None]]:
    """Everyone first, then each displayed group: (group id or "all", group id or None)."""
    return [("all", None)] + [(g.id, g.id) for g in result.meta.groups]


def tension_heatmap(result: Result, lang: str) -> str:
    """Tension per source × displayed group: a colour and a number in each cell.

    A withheld cell is hatched grey with "—" and no number, so nothing about a small
    group can be read from the chart, not even from its colour.
    """
    prefix = "tandem-heatmap"
    title = T["heatmap_title"](lang)
    families = _tension_sources(result)
    if not families:
        return _empty(prefix, title, lang)
    columns = _columns(result)
    names = [EVERYONE(lang) if gid == "all" else group_label(result, gid, lang)
             for gid, _ in columns]
    # Room for every label: the longest source name (right-aligned at label_w - 10) and
    # the widest heading line with a gap to its neighbours.
    label_w = max(160.0, max(_text_width(s.title(lang), 12)
                             for members in families.values() for s in members) + 18)
    cell_w = max(80.0, max(_text_width(line, 11.5, bold=True)
                           for name in names for line in _wrap(name, 11, 3)) + 8)
    cell_h, head_h = 28.0, 58.0

    def col_x(c: int) -> float:
        return label_w + c * cell_w + (10.0 if c else 0.0)  # Everyone stands apart

    width = col_x(len(columns)) + 8
    body: list[str] = []
    for c, (gid, _) in enumerate(columns):
        x = col_x(c) + cell_w / 2
        name = EVERYONE(lang) if gid == "all" else group_label(result, gid, lang)
        lines = _wrap(name, 11, 3)
        for i, line in enumerate(lines):
            body.append(
                _text(
                    x,
                    38 - (len(lines) - 1 - i) * 12.5,
                    line,
                    size=11.5,
                    anchor="middle",
                    weight="600",
                )
            )
        n = (
            result.meta.n
            if gid == "all"
            else next((g.n for g in result.meta.groups if g.id == gid), None)
        )
        if n is not None:
            body.append(_text(x, 52, f"n = {n}", size=10, anchor="middle", fill=MUTED))
    y = head_h
    rows: list[str] = []
    for family, members in families.items():
        body.append(_family_heading(family, y + 15, lang))
        y += 22
        for s in members:
            name = s.title(lang)
            body.append(_text(label_w - 10, y + cell_h / 2 + 4, name, size=12, anchor="end"))
            cells: list[str] = []
            for c, (gid, group) in enumerate(columns):
                x = col_x(c)
                column = EVERYONE(lang) if gid == "all" else group_label(result, gid, lang)
                if group is None:
                    value = s.tension
                else:
                    figure = _group_figure(s, group)
                    value = None if figure is None or figure.suppressed else figure.tension
                if value is None:
                    tip = f"{name} · {column}: {WITHHELD(lang)}"
                    body.append(_withheld_cell(prefix, x, y, cell_w, cell_h, tip))
                    cells.append(f"{column} —")
                    continue
                fill = _ramp(TENSION_RAMP, value / 100.0)
                shown = number(value, lang)
                tip = f"{name} · {column}: {shown}"
                body.append(_value_cell(x, y, cell_w, cell_h, fill, shown, tip, strong=False))
                cells.append(f"{column} {shown}")
            rows.append(f"{name}: {', '.join(cells)}")
            y += cell_h
        y += 6
    # Legend: the ramp in steps, and the withheld pattern.
    y += 8
    x = label_w
    for step in (0, 20, 40, 60, 80, 100):
        fill = _ramp(TENSION_RAMP, step / 100.0)
        body.append(_rect(x, y, 34, 14, fill, stroke=RULE))
        body.append(_text(x + 17, y + 27, number(step, lang), size=10, anchor="middle", fill=MUTED))
        x += 36
    x += 18
    body.append(_rect(x, y, 34, 14, f"url(#{prefix}-hatch)", stroke=RULE))
    body.append(_text(x + 42, y + 11.5, T["withheld_legend"](lang), size=10.5, fill=MUTED))
    desc = T["heatmap_desc"](lang).format(k=result.meta.k, rows=_join(rows))
    return _document(prefix, max(width, 620.0), y + 36, title, desc, body, defs=_hatch_defs(prefix))
