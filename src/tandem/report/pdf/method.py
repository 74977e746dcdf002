"""The methodology appendix: the facts of the scan, how every figure is computed, the
reliability per scale and, in one compact table, what was withheld."""

from __future__ import annotations

from typing import Any

from tandem.contract.result import Result, Suppression
from tandem.report.pdf._blocks import _para, _section, _table
from tandem.report.pdf._words import T
from tandem.report.wording import (
    AGREEMENT,
    EVERYONE,
    SCALE_KIND,
    SUPPRESSION_REASON,
    SUPPRESSION_WHAT,
    capitalise,
    group_label,
    group_notes,
    method,
    number,
    questionnaire_words,
    result_instrument,
)


def _about(result: Result, lang: str, day: str) -> list[dict[str, Any]]:
    """The facts of the scan (what a cover used to list), pooled or left-out departments by
    name (the sentences every page uses)."""
    meta = result.meta

    def t(key: str) -> str:
        return T[key](lang)

    facts = [
        [t("date"), day],
        [t("instrument"), questionnaire_words(result, lang)],
    ]
    if meta.n is not None:
        facts.append([t("respondents"), str(meta.n)])
    facts.append([t("threshold"), t("threshold_value").format(k=meta.k, ck=meta.comment_k)])
    if meta.groups:
        facts.append([t("groups"), " · ".join(f"{g.label(lang)}: {g.n}" for g in meta.groups)])
    blocks: list[dict[str, Any]] = [_para(t("about"), "h2"), {"kind": "facts", "facts": facts}]
    blocks += [_para(note, "note") for note in group_notes(result, lang)]
    blocks.append(_para(t("confidential"), "note"))
    return blocks


def _method(result: Result, lang: str, day: str) -> dict[str, Any]:
    def t(key: str) -> str:
        return T[key](lang)

    blocks = _about(result, lang, day)
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
    blocks += [_para(t("withheld"), "h2"), _para(t("withheld_lead"), "caption")]
    rows = _withheld_rows(result, lang)
    blocks.append(
        _table([t("group"), t("withheld_col"), t("reason")], rows, [1.2, 3, 1.5], ["left"] * 3)
        if rows
        else _para(t("nothing_withheld"))
    )
    return _section(t("method"), blocks)


def _withheld_rows(result: Result, lang: str) -> list[list[str]]:
    """What was withheld, compactly: one row per group and reason listing every kind of
    figure with its subjects ("Scale score of a group: Processes, Goals"), and groups with
    the very same row named together. In words, never with the size of the set; rows in
    the order the core listed them."""
    by_group: dict[tuple[str, str], dict[str, list[str]]] = {}
    for s in result.suppressed:
        group = group_label(result, s.group, lang) if s.group else EVERYONE(lang)
        reason = SUPPRESSION_REASON[s.reason](lang) if s.reason in SUPPRESSION_REASON else s.reason
        what = SUPPRESSION_WHAT[s.what](lang) if s.what in SUPPRESSION_WHAT else s.what
        subjects = by_group.setdefault((group, reason), {}).setdefault(capitalise(what), [])
        subject = _subject(result, s, lang) if s.subject else ""
        if subject and subject not in subjects:
            subjects.append(subject)
    merged: dict[tuple[str, str], list[str]] = {}
    for (group, reason), whats in by_group.items():
        withheld = "; ".join(
            f"{what}: {', '.join(subjects)}" if subjects else what
            for what, subjects in whats.items()
        )
        merged.setdefault((withheld, reason), []).append(group)
    return [[", ".join(groups), withheld, capitalise(reason)]
            for (withheld, reason), groups in merged.items()]


def _subject(result: Result, s: Suppression, lang: str) -> str:
    subject = s.subject
    if not subject:
        return "—"
    for scale in result.scales:
        if scale.id == subject:
            return scale.title(lang)
    instrument = result_instrument(result)
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
