"""Decision rights: the share of each "who decides" answer per area, contested marked."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tandem.contract.result import ChoiceGroup, Result
from tandem.i18n import Text
from tandem.report.charts._svg import (
    INK,
    SHARE_RAMP,
    _document,
    _empty,
    _hatch_defs,
    _join,
    _ramp,
    _rect,
    _slug,
    _text,
    _text_width,
    _value_cell,
    _withheld_cell,
    _wrap,
)
from tandem.report.wording import (
    CONTESTED,
    DECIDER,
    WITHHELD,
    capitalise,
    group_label,
    percent,
)

T = {
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
}


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
    heads = {code: _wrap(_decider(code, lang), 10, 3) for code in codes}
    labels = [_wrap(capitalise(area.label(lang)), 32, 2) for area in areas]
    # Room for every label: the longest row label, the widest heading line with a gap
    # to its neighbours, and the badge's word; never less than the standard sizes.
    label_w = max(210.0, max(_text_width(line, 11.5, bold=True)
                             for lines in labels for line in lines) + 18)
    cell_w = max(60.0, max(_text_width(line, 10.5, bold=True)
                           for lines in heads.values() for line in lines) + 6)
    cell_h, head_h = 30.0, 52.0
    clarity_w = max(62.0, _text_width(T["clarity"](lang), 10.5, bold=True) + 8)
    badge_w = max(80.0, _text_width(CONTESTED(lang), 10.5, bold=True) + 20)
    width = label_w + cell_w * len(codes) + clarity_w + badge_w
    body: list[str] = []
    for c, code in enumerate(codes):
        x = label_w + c * cell_w + cell_w / 2
        lines = heads[code]
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
