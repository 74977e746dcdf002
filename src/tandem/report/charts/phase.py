"""The phase ladder: the three blocks against the bar, met or not, and the index."""

from __future__ import annotations

from tandem.contract.result import Result
from tandem.i18n import Text
from tandem.report.charts._svg import (
    ACCENT,
    ACCENT_LIGHT,
    FAINT,
    INK,
    MUTED,
    RULE,
    _attr,
    _document,
    _empty,
    _join,
    _line,
    _num,
    _rect,
    _text,
    _tip,
)
from tandem.report.wording import MET, NOT_MET, number
from tandem.target import PHASE_NAMES

T = {
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
}


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
