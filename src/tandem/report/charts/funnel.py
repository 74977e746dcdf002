"""The funnel per month: MQLs, SQLs and customers (the period view) as grouped bars.

Each bar prints its count, and the three series differ in lightness and in a pattern
word in the legend, so the chart reads in greyscale. Months come in the order the
metrics give them (chronological); a month without any event still has its slot.
"""

from __future__ import annotations

from tandem.analysis.funnel import MonthFunnel
from tandem.i18n import Text
from tandem.report.charts._svg import (
    ACCENT,
    ACCENT_LIGHT,
    INK,
    MUTED,
    RULE,
    _document,
    _empty,
    _line,
    _rect,
    _text,
    _tip,
)

T = {
    "title": Text("De funnel per maand", "The funnel per month"),
    "desc": Text("Per maand het aantal MQL's, SQL's en nieuwe klanten (de maand waarin het "
                 "gebeurde). {rows}.",
                 "Per month the number of MQLs, SQLs and new customers (the month it "
                 "happened). {rows}."),
    "mqls": Text("MQL's", "MQLs"),
    "sqls": Text("SQL's", "SQLs"),
    "won": Text("Klanten", "Customers"),
}


def funnel_bars(months: tuple[MonthFunnel, ...], lang: str) -> str:
    """Grouped bars per month (MQLs, SQLs, customers), one count printed on each bar."""
    prefix = "tandem-funnel"
    title = T["title"](lang)
    if not months:
        return _empty(prefix, title, lang)
    series = (("mqls", ACCENT_LIGHT), ("sqls", ACCENT), ("won", INK))
    left, top, plot_h, group_w, bar_w = 8.0, 34.0, 150.0, 66.0, 18.0
    width = left * 2 + group_w * len(months)
    height = top + plot_h + 40
    highest = max(max(m.mqls, m.sqls, m.won) for m in months) or 1
    body: list[str] = []
    x = left
    for name, colour in series:
        body.append(_rect(x, 8, 12, 12, colour))
        body.append(_text(x + 16, 18, T[name](lang), size=11.5))
        x += 26 + len(T[name](lang)) * 7
    base = top + plot_h
    body.append(_line(left, base, width - left, base, RULE))
    rows: list[str] = []
    for i, m in enumerate(months):
        gx = left + i * group_w + (group_w - bar_w * len(series)) / 2
        for j, (name, colour) in enumerate(series):
            count = int(getattr(m, name))
            h = plot_h * count / highest
            bx = gx + j * bar_w
            label = f"{m.month} {T[name](lang)}: {count}"
            body.append(f"<g>{_tip(label)}{_rect(bx + 1, base - h, bar_w - 2, h, colour)}"
                        + _text(bx + bar_w / 2, base - h - 3, str(count), size=9.5,
                                anchor="middle", fill=MUTED) + "</g>")
        body.append(_text(left + i * group_w + group_w / 2, base + 16, m.month, size=10.5,
                          anchor="middle"))
        rows.append(f"{m.month}: {T['mqls'](lang)} {m.mqls}, {T['sqls'](lang)} {m.sqls}, "
                    f"{T['won'](lang)} {m.won}")
    desc = T["desc"](lang).format(rows="; ".join(rows))
    return _document(prefix, width, height, title, desc, body)
