"""SVG primitives, colours and shared lookups for every chart family.

Marks, text, hatching for withheld cells and the accessible ``<svg>`` document
wrapper; the chart modules compose these and never write raw markup of their own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from xml.sax.saxutils import escape, quoteattr  # nosec B406 # escapes output, parses nothing

from tandem.contract.result import GroupFigures, ScaleResult
from tandem.i18n import Text

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


# Advance widths in ems, generous enough for the wide sans-serif fonts a chart may get
# (DejaVu Sans on Linux): narrow and wide letters, capitals, and the rest.
_NARROW = frozenset("ijlrtfI!|.,:;'`() -")
_WIDE = frozenset("mwMW@%")


def _text_width(content: str, size: float, *, bold: bool = False) -> float:
    """An upper estimate of the width a text takes (SVG cannot measure text), so that
    labels are given the room they need instead of running off the chart."""
    ems = 0.0
    for char in content:
        if char in _NARROW:
            ems += 0.36
        elif char in _WIDE:
            ems += 0.92
        elif char.isupper() or char.isdigit():
            ems += 0.7
        else:
            ems += 0.62
    return ems * size * (1.1 if bold else 1.0)


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


def _group_figure(scale: ScaleResult, group: str) -> GroupFigures | None:
    for g in scale.groups:
        if g.group == group:
            return g
    return None
