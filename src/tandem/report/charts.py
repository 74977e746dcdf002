"""Server-rendered SVG charts of a :class:`~tandem.contract.result.Result`, for pages and the PDF.

One module draws every chart, so a figure looks the same in the browser and on paper.
Each function returns a complete, self-contained ``<svg>`` string:

- accessible: ``role="img"`` with ``<title>`` and ``<desc>`` (a text alternative that
  names the figures) in the requested language, and a ``<title>`` per mark for hover;
- readable in greyscale: colour ramps are monotonic in lightness and every mark also
  carries a number, a shape, a pattern or a word, never colour alone;
- inert and portable: no JavaScript, no event handlers, no external fonts or URLs, so
  it can be inlined in HTML under a strict CSP or embedded in a PDF by typst;
- deterministic: the same result gives byte-identical output (ids are derived from the
  chart and its subject, never random), so charts can be cached and compared.

Charts only present: every number is read from the result and rounded for display.
A withheld (suppressed) figure is drawn as a hatched cell with "—" and no number.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr  # nosec B406 # escapes output, parses nothing

from tandem.contract.result import ChoiceGroup, GroupFigures, Result, ScaleResult
from tandem.i18n import Text
from tandem.report.wording import (
    CONTESTED,
    DECIDER,
    EVERYONE,
    FAMILY,
    MET,
    NOT_MET,
    UNOWNED,
    WITHHELD,
    capitalise,
    group_label,
    number,
    percent,
)
from tandem.target import PHASE_NAMES

__all__ = [
    "FONT",
    "decision_matrix",
    "journey_stages",
    "perception_gap_chart",
    "phase_ladder",
    "tension_bars",
    "tension_heatmap",
]

#: Web pages get the platform's sans-serif; typst falls back to its embedded serif.
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"

INK = "#1b2430"
MUTED = "#5b6675"
RULE = "#c9d0d8"
FAINT = "#f2f4f7"
ACCENT = "#1f4e79"
ACCENT_LIGHT = "#a9c1d9"
HIGH = "#9c3a22"
LOW = "#e3b9a6"

# Sequential ramps, each monotonic in lightness so that they survive greyscale printing.
TENSION_RAMP = ("#fff7ec", "#fdd49e", "#fc8d59", "#d7301f", "#7f0000")
SHARE_RAMP = ("#f7fbff", "#c6dbef", "#6baed6", "#2171b5", "#08306b")
# Okabe-Ito colours (colour-blind safe), always paired with a distinct marker shape.
GROUP_COLOURS = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000")
GROUP_SHAPES = ("circle", "square", "triangle", "diamond", "down", "cross", "circle")

T = {
    "no_data": Text(
        "Te weinig gegevens om deze grafiek te tonen.", "Too little data to show this chart."
    ),
    "ladder_title": Text("Faseladder", "Phase ladder"),
    "ladder_desc": Text(
        "Score per faseblok op 0–100; een blok is gehaald bij {bar} of meer. {blocks}. "
        "Bereikte fase: {phase}.",
        "Score per phase block on 0–100; a block is met at {bar} or more. {blocks}. "
        "Phase reached: {phase}.",
    ),
    "index": Text("Index (1–5)", "Index (1–5)"),
    "index_desc": Text(" Index {mean}: {label}.", " Index {mean}: {label}."),
    "bar": Text("drempel {bar}", "threshold {bar}"),
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
    "gaps_title": Text("Verschillen in beleving", "Perception gaps"),
    "gaps_desc": Text(
        "Score op 0–100 per schaal en groep, met 95%-betrouwbaarheidsinterval. {rows}.",
        "Score on 0–100 per scale and group, with 95% confidence interval. {rows}.",
    ),
    "notable_mark": Text("* opvallend verschil tussen groepen", "* notable gap between groups"),
    "ci": Text("lijn = 95%-interval", "line = 95% interval"),
    "decisions_title": Text("Wie beslist?", "Who decides?"),
    "decisions_title_group": Text(
        "Wie beslist? Zoals {group} het ziet", "Who decides? As {group} sees it"
    ),
    "decisions_desc": Text(
        "Aandeel van de antwoorden per beslisgebied (rijen) en beslisser (kolommen); "
        "het vaakst genoemde antwoord is omkaderd. {rows}.",
        "Share of answers per decision area (rows) and decider (columns); the most named "
        "answer is outlined. {rows}.",
    ),
    "clarity": Text("Helderheid", "Clarity"),
    "journey_title": Text("Klantreis", "Customer journey"),
    "journey_desc": Text(
        "Per fase van de klantreis: de meest genoemde eigenaar, de helderheid daarvan en de "
        "consistentie (0–100). {stages}.",
        "Per stage of the customer journey: the most named owner, how clear that is and the "
        "consistency (0–100). {stages}.",
    ),
    "owner": Text("Eigenaar", "Owner"),
    "consistency": Text("Consistentie", "Consistency"),
}


# ---------------------------------------------------------------- SVG primitives


def _attr(value: object) -> str:
    return quoteattr(str(value))


def _num(value: float) -> str:
    """A coordinate: short, stable, locale-free."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def _text(
    x: float,
    y: float,
    content: str,
    *,
    size: float = 12,
    anchor: str = "start",
    weight: str | None = None,
    fill: str = INK,
    italic: bool = False,
) -> str:
    extra = ""
    if anchor != "start":
        extra += f" text-anchor={_attr(anchor)}"
    if weight:
        extra += f" font-weight={_attr(weight)}"
    if italic:
        extra += ' font-style="italic"'
    if fill != INK:
        extra += f" fill={_attr(fill)}"
    return (
        f'<text x="{_num(x)}" y="{_num(y)}" font-size="{_num(size)}"{extra}>'
        f"{escape(content)}</text>"
    )


def _rect(
    x: float,
    y: float,
    w: float,
    h: float,
    fill: str,
    *,
    stroke: str | None = None,
    stroke_width: float = 1,
    dash: str | None = None,
    rx: float = 0,
) -> str:
    extra = f' rx="{_num(rx)}"' if rx else ""
    if stroke:
        extra += f' stroke={_attr(stroke)} stroke-width="{_num(stroke_width)}"'
    if dash:
        extra += f" stroke-dasharray={_attr(dash)}"
    return (
        f'<rect x="{_num(x)}" y="{_num(y)}" width="{_num(max(w, 0))}" '
        f'height="{_num(max(h, 0))}" fill={_attr(fill)}{extra}/>'
    )


def _line(
    x1: float,
    y1: float,
    x2: float,
    y2: float,
    stroke: str = RULE,
    width: float = 1,
    dash: str | None = None,
) -> str:
    extra = f" stroke-dasharray={_attr(dash)}" if dash else ""
    return (
        f'<line x1="{_num(x1)}" y1="{_num(y1)}" x2="{_num(x2)}" y2="{_num(y2)}" '
        f'stroke={_attr(stroke)} stroke-width="{_num(width)}"{extra}/>'
    )


def _tip(content: str) -> str:
    """A hover title for one mark (browsers show it; screen readers read the desc)."""
    return f"<title>{escape(content)}</title>"


def _marker(shape: str, x: float, y: float, r: float, fill: str) -> str:
    stroke = ' stroke="#ffffff" stroke-width="0.8"'
    if shape == "square":
        return (
            f'<rect x="{_num(x - r)}" y="{_num(y - r)}" width="{_num(2 * r)}" '
            f'height="{_num(2 * r)}" fill={_attr(fill)}{stroke}/>'
        )
    if shape in ("triangle", "down", "diamond"):
        if shape == "triangle":
            pts = [(x, y - r * 1.2), (x + r * 1.1, y + r * 0.8), (x - r * 1.1, y + r * 0.8)]
        elif shape == "down":
            pts = [(x, y + r * 1.2), (x + r * 1.1, y - r * 0.8), (x - r * 1.1, y - r * 0.8)]
        else:
            pts = [(x, y - r * 1.3), (x + r * 1.1, y), (x, y + r * 1.3), (x - r * 1.1, y)]
        points = " ".join(f"{_num(a)},{_num(b)}" for a, b in pts)
        return f"<polygon points={_attr(points)} fill={_attr(fill)}{stroke}/>"
    if shape == "cross":
        d = r * 0.9
        return (
            f'<path d="M{_num(x - d)} {_num(y - d)}L{_num(x + d)} {_num(y + d)}'
            f'M{_num(x - d)} {_num(y + d)}L{_num(x + d)} {_num(y - d)}" '
            f'stroke={_attr(fill)} stroke-width="2.4" fill="none"/>'
        )
    return f'<circle cx="{_num(x)}" cy="{_num(y)}" r="{_num(r)}" fill={_attr(fill)}{stroke}/>'


def _hatch_defs(prefix: str) -> str:
    return (
        f'<pattern id="{prefix}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)">'
        '<rect width="6" height="6" fill="#eceef1"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#9aa3ad" stroke-width="2"/></pattern>'
    )


def _withheld_cell(prefix: str, x: float, y: float, w: float, h: float, tip: str) -> str:
    """A hatched grey cell with "—": no number, and no colour that could hint at one."""
    return (
        f"<g>{_tip(tip)}{_rect(x + 1, y + 1, w - 2, h - 2, f'url(#{prefix}-hatch)')}"
        + _text(x + w / 2, y + h / 2 + 4.5, "—", size=13, anchor="middle", fill=MUTED)
        + "</g>"
    )


def _value_cell(
    x: float, y: float, w: float, h: float, fill: str, shown: str, tip: str, *, strong: bool
) -> str:
    """A coloured cell that also prints its figure (colour is never the only carrier)."""
    box = _rect(x + 1, y + 1, w - 2, h - 2, fill, stroke=INK if strong else None, stroke_width=2.2)
    label = _text(
        x + w / 2,
        y + h / 2 + 4.5,
        shown,
        size=12,
        anchor="middle",
        weight="700" if strong else "600",
        fill=_ink_on(fill),
    )
    return f"<g>{_tip(tip)}{box}{label}</g>"


def _document(
    prefix: str,
    width: float,
    height: float,
    title: str,
    desc: str,
    body: Iterable[str],
    *,
    defs: str = "",
) -> str:
    """The outer ``<svg>``: size, text alternative, shared font, definitions, marks."""
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_num(width)}" '
        f'height="{_num(height)}" viewBox="0 0 {_num(width)} {_num(height)}" role="img" '
        f'aria-labelledby="{prefix}-title {prefix}-desc" font-family={_attr(FONT)} '
        f'class="tandem-chart">'
        f'<title id="{prefix}-title">{escape(title)}</title>'
        f'<desc id="{prefix}-desc">{escape(desc)}</desc>'
    )
    defs_block = f"<defs>{defs}</defs>" if defs else ""
    return head + defs_block + "".join(body) + "</svg>"


def _empty(prefix: str, title: str, lang: str) -> str:
    message = T["no_data"](lang)
    return _document(
        prefix, 480, 48, title, message, [_text(12, 28, message, fill=MUTED, italic=True)]
    )


def _wrap(text: str, chars: int, lines: int = 3) -> list[str]:
    """Greedy word wrap by an estimated character budget (SVG cannot measure text)."""
    out: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if len(candidate) <= chars or not current:
            current = candidate
        else:
            out.append(current)
            current = word
    if current:
        out.append(current)
    if len(out) > lines:
        out = [*out[: lines - 1], " ".join(out[lines - 1 :])]
        if len(out[-1]) > chars:
            out[-1] = out[-1][: max(chars - 1, 1)].rstrip() + "…"
    return out


def _ramp(ramp: Sequence[str], t: float) -> str:
    """A colour at ``t`` (0-1) along a ramp, linear in RGB between its stops."""
    t = min(max(t, 0.0), 1.0) * (len(ramp) - 1)
    i = min(int(t), len(ramp) - 2)
    f = t - i
    a = [int(ramp[i][j : j + 2], 16) for j in (1, 3, 5)]
    b = [int(ramp[i + 1][j : j + 2], 16) for j in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * f):02x}" for x, y in zip(a, b, strict=True))


def _ink_on(fill: str) -> str:
    """Dark or white text, whichever reads on ``fill`` (relative luminance)."""
    r, g, b = (int(fill[j : j + 2], 16) / 255 for j in (1, 3, 5))
    return "#ffffff" if 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5 else INK


def _join(parts: Iterable[str]) -> str:
    return "; ".join(parts)


# ---------------------------------------------------------------- phase ladder


def phase_ladder(result: Result, lang: str) -> str:
    """The three ladder blocks against ``meta.block_met_at``, met or not, and the index marker."""
    prefix = "tandem-ladder"
    title = T["ladder_title"](lang)
    phase = result.phase
    if phase is None:
        return _empty(prefix, title, lang)
    bar = result.meta.block_met_at
    width, left, right = 600.0, 6.0, 410.0
    scale = (right - left) / 100.0
    body: list[str] = []
    y = 28.0
    body.append(
        _text(
            left + bar * scale,
            16,
            T["bar"](lang).format(bar=f"{bar:.0f}"),
            size=10.5,
            anchor="middle",
            fill=MUTED,
        )
    )
    described: list[str] = []
    order = [b for b in ("INT", "ALI", "DEF") if b in phase.blocks]  # climb from the bottom
    top = y
    for block_id in order:
        block = phase.blocks[block_id]
        name = _block_title(result, block_id, lang)
        body.append(_text(left, y + 12, name, size=13, weight="600"))
        bar_y = y + 20
        body.append(_rect(left, bar_y, right - left, 22, FAINT))
        status = MET(lang) if block.met else NOT_MET(lang)
        if block.score is None:
            body.append(_text(left + 8, bar_y + 15.5, "—", size=12, fill=MUTED))
            described.append(f"{name}: —")
        else:
            fill = ACCENT if block.met else ACCENT_LIGHT
            label = number(block.score, lang)
            body.append(
                f"<g>{_tip(f'{name}: {label} ({status})')}"
                f"{_rect(left, bar_y, block.score * scale, 22, fill)}</g>"
            )
            body.append(_text(right + 40, bar_y + 17, label, size=17, weight="700", anchor="end"))
            described.append(f"{name}: {label} ({status})")
        badge_x = right + 56
        if block.met:
            body.append(_rect(badge_x, bar_y, 120, 22, ACCENT, rx=11))
            body.append(
                _text(
                    badge_x + 60,
                    bar_y + 15,
                    status,
                    size=11.5,
                    anchor="middle",
                    weight="600",
                    fill="#ffffff",
                )
            )
        else:
            body.append(_rect(badge_x, bar_y, 120, 22, "#ffffff", stroke=ACCENT, rx=11, dash="3 2"))
            body.append(
                _text(badge_x + 60, bar_y + 15, status, size=11.5, anchor="middle", fill=ACCENT)
            )
        y += 58
    bar_x = left + bar * scale
    body.append(_line(bar_x, top - 6, bar_x, y - 10, INK, 1.5, dash="4 3"))

    desc = T["ladder_desc"](lang).format(
        bar=f"{bar:.0f}", blocks=_join(described), phase=phase.ladder.label(lang)
    )
    if phase.index.mean is not None and phase.index.label is not None:
        y += 8
        body.extend(_index_axis(phase.index.mean, left, right, y, lang))
        desc += T["index_desc"](lang).format(
            mean=number(phase.index.mean, lang, 2), label=phase.index.label(lang)
        )
        y += 64
    return _document(prefix, width, y, title, desc, body)


def _block_title(result: Result, block_id: str, lang: str) -> str:
    try:
        return result.scale(block_id).title(lang)
    except KeyError:
        return block_id


def _index_axis(mean: float, left: float, right: float, y: float, lang: str) -> list[str]:
    """The 1-5 index with its four bands (HBR 2006) and a marker at the organisation's mean."""
    body = [_text(left, y + 10, T["index"](lang), size=11.5, weight="600", fill=MUTED)]
    span = (right - left) / 4.0
    band_y = y + 18
    fills = ("#ffffff", FAINT, "#ffffff", FAINT)
    for i, roman in enumerate(("I", "II", "III", "IV")):
        x = left + i * span
        body.append(_rect(x, band_y, span, 22, fills[i], stroke=RULE))
        body.append(
            _text(
                x + span / 2,
                band_y + 15,
                f"{roman} · {PHASE_NAMES[i + 1]}",
                size=11,
                anchor="middle",
                fill=MUTED,
            )
        )
        body.append(
            _text(x, band_y + 36, number(i + 1, lang), size=10, anchor="middle", fill=MUTED)
        )
    body.append(_text(right, band_y + 36, number(5, lang), size=10, anchor="middle", fill=MUTED))
    x = left + (min(max(mean, 1.0), 5.0) - 1.0) * span
    tip = [(x - 7, band_y - 9), (x + 7, band_y - 9), (x, band_y + 1)]
    points = " ".join(f"{_num(a)},{_num(b)}" for a, b in tip)
    body.append(f'<polygon points="{points}" fill={_attr(INK)}/>')
    body.append(_line(x, band_y, x, band_y + 22, INK, 2))
    body.append(_text(x + 10, band_y - 2, number(mean, lang, 2), size=11.5, weight="700"))
    return body


# ---------------------------------------------------------------- tensions


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
        body.append(
            _text(
                0, y + 14, _family_label(family, lang).upper(), size=10.5, weight="700", fill=MUTED
            )
        )
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


def _group_figure(scale: ScaleResult, group: str) -> GroupFigures | None:
    for g in scale.groups:
        if g.group == group:
            return g
    return None


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
    label_w, cell_w, cell_h, head_h = 160.0, 80.0, 28.0, 58.0

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
        body.append(
            _text(
                0, y + 15, _family_label(family, lang).upper(), size=10.5, weight="700", fill=MUTED
            )
        )
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


# ---------------------------------------------------------------- perception gaps


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
    notable = {g.scale for g in result.gaps if g.notable}
    label_w, left, right = 200.0, 210.0, 610.0
    width = 620.0
    scale_x = (right - left) / 100.0
    sub = 8.0
    row_h = max(30.0, sub * len(groups) + 10)
    body: list[str] = []
    # Legend: one marker and name per group.
    x, ly = 0.0, 12.0
    for i, g in enumerate(groups):
        name = g.label(lang)
        needed = 26 + len(name) * 6.6
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
        name = s.title(lang) + (" *" if s.id in notable else "")
        lines = _wrap(name, 30, 2)
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
            colour = GROUP_COLOURS[i % 7]
            marks = ""
            if figure.ci_low is not None and figure.ci_high is not None:
                marks += _line(
                    left + figure.ci_low * scale_x,
                    gy,
                    left + figure.ci_high * scale_x,
                    gy,
                    colour,
                    1.6,
                )
            marks += _marker(GROUP_SHAPES[i % 7], left + figure.score * scale_x, gy, 4, colour)
            ci = ""
            if figure.ci_low is not None and figure.ci_high is not None:
                ci = f" ({number(figure.ci_low, lang)}–{number(figure.ci_high, lang)})"
            shown = f"{gname} {number(figure.score, lang)}{ci}"
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


# ---------------------------------------------------------------- decision rights


@dataclass(frozen=True, slots=True)
class _Row:
    label: str
    distribution: dict[str, float] | None
    modal: str | None


def decision_matrix(result: Result, lang: str, group: str | None = None) -> str:
    """Decision areas × "who decides": the share of each answer, contested areas marked.

    With ``group`` the shares are those of one displayed group (withheld rows hatched);
    without, those of everyone. The most named answer is outlined; clarity is shown as
    a number and a contested area carries the word "contested", not just a colour.
    """
    prefix = "tandem-decisions" + (f"-{_slug(group)}" if group else "")
    if group is None:
        title = T["decisions_title"](lang)
    else:
        title = T["decisions_title_group"](lang).format(group=group_label(result, group, lang))
    areas = result.decision_rights
    if not areas:
        return _empty(prefix, title, lang)
    codes: list[str] = []
    for area in areas:
        for code in area.distribution:
            if code not in codes:
                codes.append(code)
    label_w, cell_w, cell_h, head_h = 210.0, 60.0, 30.0, 52.0
    clarity_w, badge_w = 62.0, 80.0
    width = label_w + cell_w * len(codes) + clarity_w + badge_w
    body: list[str] = []
    for c, code in enumerate(codes):
        x = label_w + c * cell_w + cell_w / 2
        lines = _wrap(_decider(code, lang), 10, 3)
        for i, line in enumerate(lines):
            body.append(
                _text(
                    x,
                    head_h - 8 - (len(lines) - 1 - i) * 12,
                    line,
                    size=10.5,
                    anchor="middle",
                    weight="600",
                )
            )
    body.append(
        _text(
            label_w + cell_w * len(codes) + clarity_w / 2,
            head_h - 8,
            T["clarity"](lang),
            size=10.5,
            anchor="middle",
            weight="600",
        )
    )
    y = head_h
    rows: list[str] = []
    for area in areas:
        chosen = _choice(area.groups, group) if group else None
        row = (
            _Row(capitalise(area.label(lang)), area.distribution, area.modal)
            if group is None
            else _Row(
                capitalise(area.label(lang)),
                chosen.distribution if chosen and not chosen.suppressed else None,
                chosen.modal if chosen and not chosen.suppressed else None,
            )
        )
        lines = _wrap(row.label, 32, 2)
        for i, line in enumerate(lines):
            body.append(
                _text(
                    label_w - 10,
                    y + cell_h / 2 + 4 + (i - (len(lines) - 1) / 2) * 12.5,
                    line,
                    size=11.5,
                    anchor="end",
                    weight="700" if area.contested else None,
                )
            )
        if row.distribution is None:
            tip = f"{row.label}: {WITHHELD(lang)}"
            body.append(_withheld_cell(prefix, label_w, y, cell_w * len(codes), cell_h, tip))
            rows.append(f"{row.label}: —")
            y += cell_h
            continue
        parts: list[str] = []
        for c, code in enumerate(codes):
            x = label_w + c * cell_w
            share = row.distribution.get(code)
            if share is None:
                continue
            fill = _ramp(SHARE_RAMP, share)
            shown = percent(share, lang)
            outline = code == row.modal
            tip = f"{row.label} · {_decider(code, lang)}: {shown}"
            body.append(_value_cell(x, y, cell_w, cell_h, fill, shown, tip, strong=outline))
            parts.append(f"{_decider(code, lang)} {shown}")
        cx = label_w + cell_w * len(codes)
        summary = ""
        if group is None and area.clarity is not None:
            body.append(
                _text(
                    cx + clarity_w / 2,
                    y + cell_h / 2 + 4.5,
                    percent(area.clarity, lang),
                    size=11.5,
                    anchor="middle",
                )
            )
            summary = f", {T['clarity'](lang)} {percent(area.clarity, lang)}"
        if area.contested:
            bx = cx + clarity_w + 4
            body.append(_rect(bx, y + 6, badge_w - 8, cell_h - 12, INK, rx=9))
            body.append(
                _text(
                    bx + (badge_w - 8) / 2,
                    y + cell_h / 2 + 4,
                    CONTESTED(lang),
                    size=10.5,
                    anchor="middle",
                    weight="700",
                    fill="#ffffff",
                )
            )
            summary += f", {CONTESTED(lang)}"
        rows.append(f"{row.label}: {', '.join(parts)}{summary}")
        y += cell_h
    desc = T["decisions_desc"](lang).format(rows=_join(rows))
    return _document(prefix, width, y + 8, title, desc, body, defs=_hatch_defs(prefix))


def _decider(code: str, lang: str) -> str:
    return capitalise(DECIDER[code](lang)) if code in DECIDER else code


def _choice(groups: Sequence[ChoiceGroup], group: str) -> ChoiceGroup | None:
    for g in groups:
        if g.group == group:
            return g
    return None


# ---------------------------------------------------------------- customer journey


def journey_stages(result: Result, lang: str, per_row: int | None = None) -> str:
    """The journey as chevrons: owner, clarity and consistency; an unowned stage is drawn
    dashed, with a hatched band and the words "no owner".

    ``per_row`` wraps the stages onto several rows (e.g. 3 for a portrait page).
    """
    prefix = "tandem-journey"
    title = T["journey_title"](lang)
    stages = result.journey
    if not stages:
        return _empty(prefix, title, lang)
    per_row = max(1, min(per_row or len(stages), len(stages)))
    step = 150.0 if per_row == len(stages) else 200.0
    width = step * per_row
    depth, height, gap = 14.0, 168.0, 14.0
    body: list[str] = []
    described: list[str] = []
    for i, stage in enumerate(stages):
        col, row = i % per_row, i // per_row
        x0 = col * step
        x1 = x0 + step - 4
        top = row * (height + gap)
        notch = depth if i else 0.0
        pts = [
            (x0, 0),
            (x1 - depth, 0),
            (x1, height / 2),
            (x1 - depth, height),
            (x0, height),
            (x0 + notch, height / 2),
        ]
        points = " ".join(f"{_num(a)},{_num(b + 2 + top)}" for a, b in pts)
        fill = "#ffffff" if stage.unowned else FAINT
        stroke = (
            f' stroke={_attr(INK)} stroke-width="1.5" stroke-dasharray="5 3"'
            if stage.unowned
            else ""
        )
        name = stage.label(lang)
        body.append(f"<polygon points={_attr(points)} fill={_attr(fill)}{stroke}/>")
        tx = x0 + notch + 10
        chars = int((step - notch - depth - 16) / 7.2)
        ty = top + 24.0
        for line in _wrap(name, chars, 3):
            body.append(_text(tx, ty, line, size=13, weight="700"))
            ty += 15
        ty = max(ty, top + 66.0) + 6
        owner = _decider(stage.owner, lang) if stage.owner else "—"
        body.append(_text(tx, ty, T["owner"](lang), size=11, fill=MUTED))
        shown_owner = owner if len(owner) <= chars else owner[: chars - 1] + "…"
        body.append(_text(tx, ty + 15, shown_owner, size=13, weight="600"))
        ty += 34
        parts = [f"{T['owner'](lang)} {owner}"]
        if stage.clarity is not None:
            clarity = percent(stage.clarity, lang)
            body.append(_text(tx, ty, f"{T['clarity'](lang)} {clarity}", size=12))
            parts.append(f"{T['clarity'](lang)} {clarity}")
        ty += 16
        if stage.consistency_score is not None:
            value = number(stage.consistency_score, lang)
            body.append(_text(tx, ty, f"{T['consistency'](lang)} {value}", size=12))
            parts.append(f"{T['consistency'](lang)} {value}")
        if stage.unowned:
            by = top + height - 20
            band = _rect(tx - 8, by - 14, step - notch - 2 * depth, 28, f"url(#{prefix}-hatch)")
            body.append(band)
            body.append(_rect(tx - 4, by - 10, 96, 20, INK, rx=9))
            body.append(
                _text(
                    tx + 44,
                    by + 4,
                    UNOWNED(lang).upper(),
                    size=10,
                    anchor="middle",
                    weight="700",
                    fill="#ffffff",
                )
            )
            parts.append(UNOWNED(lang))
        described.append(f"{name}: {', '.join(parts)}")
    rows = (len(stages) + per_row - 1) // per_row
    desc = T["journey_desc"](lang).format(stages=_join(described))
    total = rows * (height + gap) - gap + 6
    return _document(prefix, width, total, title, desc, body, defs=_hatch_defs(prefix))
