"""The customer journey: owner, clarity and consistency per stage, unowned marked."""

from __future__ import annotations

from tandem.contract.result import Result
from tandem.i18n import Text
from tandem.report.charts._svg import (
    FAINT,
    INK,
    MUTED,
    _attr,
    _document,
    _empty,
    _hatch_defs,
    _join,
    _num,
    _rect,
    _text,
    _text_width,
    _wrap,
)
from tandem.report.charts.decisions import _decider
from tandem.report.wording import UNOWNED, number, percent

T = {
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
        parts = []
        if stage.clear_owner is not None:  # an unowned stage says only "no owner", below
            owner = _decider(stage.clear_owner, lang)
            body.append(_text(tx, ty, T["owner"](lang), size=11, fill=MUTED))
            # The owner's name whole: a smaller size where it is long, cut only if even
            # that does not fit.
            room, size = step - notch - depth - 16, 13.0
            while size > 10 and _text_width(owner, size, bold=True) > room:
                size -= 0.5
            shown_owner = owner
            if _text_width(owner, size, bold=True) > room:
                shown_owner = owner[: int(room / (0.7 * size)) - 1] + "…"
            body.append(_text(tx, ty + 15, shown_owner, size=size, weight="600"))
            parts.append(f"{T['owner'](lang)} {owner}")
        ty += 34
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
