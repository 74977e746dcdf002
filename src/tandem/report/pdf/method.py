"""The methodology appendix and the list of what was withheld."""

from __future__ import annotations

from typing import Any

from tandem.contract.result import Result, Suppression
from tandem.report.pdf._blocks import _instrument, _para, _section, _table
from tandem.report.pdf._words import T
from tandem.report.wording import (
    AGREEMENT,
    SCALE_KIND,
    SUPPRESSION_REASON,
    SUPPRESSION_WHAT,
    capitalise,
    group_label,
    method,
    number,
)


def _method(result: Result, lang: str) -> dict[str, Any]:
    def t(key: str) -> str:
        return T[key](lang)

    blocks: list[dict[str, Any]] = []
    for heading, text in method(result.meta.k, result.meta.comment_k):
        blocks += [_para(heading(lang), "h3"), _para(text(lang))]
    if result.scales:
        rows = []
        for s in result.scales:
            rel = s.reliability
            if rel.alpha is not None:
                alpha = number(rel.alpha, lang, 2)
                interval = (
                    f"{number(rel.ci_low, lang, 2)}–{number(rel.ci_high, lang, 2)}"
                    if rel.ci_low is not None and rel.ci_high is not None
                    else ""
                )
            else:
                alpha = "—"
                interval = t("rel_single") if rel.note == "single_item" else t("rel_too_few")
            agreement = AGREEMENT[s.agreement](lang) if s.agreement in AGREEMENT else "—"
            rows.append(
                [s.title(lang), SCALE_KIND[s.kind](lang), str(rel.items), alpha, interval,
                 agreement]
            )  # fmt: skip
        blocks += [
            _para(t("reliability"), "h2"),
            _table(
                [t("scale"), t("kind"), t("items"), t("alpha"), t("interval"), t("agreement")],
                rows,
                [2.6, 1.2, 0, 0, 0, 0],
                ["left", "left", "right", "right", "right", "left"],
            ),
        ]
    blocks += [_para(t("withheld"), "h2"), _para(t("withheld_lead"), "note")]
    rows = _withheld_rows(result, lang)
    blocks.append(
        _table(
            [t("what"), t("group"), t("subject"), t("reason")],
            rows,
            [1.3, 1.3, 1.6, 2],
            ["left"] * 4,
        )
        if rows
        else _para(t("nothing_withheld"))
    )
    return _section(t("method"), blocks)


def _withheld_rows(result: Result, lang: str) -> list[list[str]]:
    """One row per distinct withheld thing, in words, never with the size of the set."""
    rows: list[list[str]] = []
    seen: set[tuple[str, ...]] = set()
    for s in result.suppressed:
        row = [
            SUPPRESSION_WHAT[s.what](lang) if s.what in SUPPRESSION_WHAT else s.what,
            group_label(result, s.group, lang) if s.group else "—",
            _subject(result, s, lang),
            SUPPRESSION_REASON[s.reason](lang) if s.reason in SUPPRESSION_REASON else s.reason,
        ]
        key = tuple(row)
        if key not in seen:
            seen.add(key)
            rows.append([capitalise(c) for c in row])
    return rows


def _subject(result: Result, s: Suppression, lang: str) -> str:
    subject = s.subject
    if not subject:
        return "—"
    for scale in result.scales:
        if scale.id == subject:
            return scale.title(lang)
    instrument = _instrument(result)
    if instrument is not None:
        area = subject.removeprefix("drs_").removeprefix("dr_")
        if area in instrument.areas:
            return instrument.areas[area](lang)
        stage = subject.removeprefix("cj_").removesuffix("_owner").removesuffix("_consistency")
        if stage in instrument.stages:
            return instrument.stages[stage](lang)
        try:
            return instrument.item(subject).text(lang)
        except KeyError:
            pass
    return subject
