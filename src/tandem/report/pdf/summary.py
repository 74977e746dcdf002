"""The cover and the executive summary."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tandem.contract.result import Result
from tandem.report.pdf._blocks import _instrument, _list, _para, _section
from tandem.report.pdf._words import T
from tandem.report.wording import (
    FAMILY,
    URGENCY,
    capitalise,
    certainty_words,
    gap_sentence,
    group_label,
    number,
)

TOP_TENSIONS = 3
TOP_GAPS = 5
TOP_STEPS = 3


def _cover(result: Result, lang: str, organisation: str | None, day: str) -> dict[str, Any]:
    meta = result.meta

    def t(key: str) -> str:
        return T[key](lang)

    instrument = _instrument(result)
    name = instrument.title(lang) if instrument is not None else meta.instrument
    form = t("form_quick") if meta.indicative else t("form_full")
    facts = [
        [t("date"), day],
        [t("instrument"), f"{name} ({t('version')} {meta.instrument_version}, {form})"],
    ]
    if meta.n is not None:
        facts.append([t("respondents"), str(meta.n)])
    facts.append([t("threshold"), t("threshold_value").format(k=meta.k, ck=meta.comment_k)])
    if meta.groups:
        facts.append([t("groups"), " · ".join(f"{g.label(lang)}: {g.n}" for g in meta.groups)])
    return {
        "kicker": t("kicker"),
        "title": t("title"),
        "subtitle": t("subtitle"),
        "organisation": organisation or "",
        "facts": facts,
        "pooled": _pooled_sentence(result, lang),
        "confidential": t("confidential"),
    }


def _pooled_sentence(result: Result, lang: str) -> str:
    """Which departments were pooled: names only, never a count of their own."""
    members = result.pooled_groups()
    if not members:
        return ""
    names = ", ".join(group_label(result, m, lang) for m in members)
    return T["pooled_members"](lang).format(names=names)


def _summary(result: Result, lang: str) -> dict[str, Any]:
    def t(key: str) -> str:
        return T[key](lang)

    phase = result.phase
    assert phase is not None
    phase_note = ""
    if phase.uncertainty is not None:
        phase_note = capitalise(
            t("certainty").format(certainty=certainty_words(phase.uncertainty, lang)))
    cards = [{"label": t("phase_now"), "value": phase.ladder.label(lang), "note": phase_note}]
    target = result.target
    if target is not None:
        note = t("from_phase").format(phase=phase.ladder.label(lang).split(" · ")[0])
        cards.append({"label": t("target"), "value": target.label(lang), "note": note})
        cards.append(
            {
                "label": t("urgency"),
                "value": URGENCY[target.urgency](lang),
                "note": t(f"urgency_{target.urgency}"),
            }
        )
        horizon, horizon_reason = target.horizon_label, target.horizon_reason
        if horizon is not None and horizon_reason is not None:
            cards.append(
                {"label": t("horizon"), "value": horizon(lang), "note": horizon_reason(lang)}
            )
    blocks: list[dict[str, Any]] = [{"kind": "cards", "cards": cards}]
    if result.meta.indicative:
        blocks.append(_para(t("indicative"), "note"))
    if phase.note is not None:
        blocks.append(_para(phase.note(lang), "callout"))
    if target is not None:
        blocks += [_para(t("why_target"), "h2"), _list(r.text(lang) for r in target.reasons)]

    blocks += [_para(t("top_tensions"), "h2"), _list(_tension_lines(result, lang))]
    notable = result.ranked_gaps(notable=True)[:TOP_GAPS]
    blocks.append(_para(t("notable_gaps"), "h2"))
    blocks.append(
        _list(capitalise(gap_sentence(result, g, lang)) + "." for g in notable)
        if notable
        else _para(t("no_gaps"))
    )
    contested = [a for a in result.decision_rights if a.contested]
    blocks.append(_para(t("contested"), "h2"))
    blocks.append(
        _list(f"{capitalise(a.label(lang))}: {_area_reasons(a.reasons, lang)}" for a in contested)
        if contested
        else _para(t("no_contested"))
    )
    steps = [s for s in result.roadmap if s.status != "in_place"][:TOP_STEPS]
    if steps:
        blocks.append(_para(t("first_steps"), "h2"))
        blocks.append(_list((f"{s.title(lang)}. {s.why(lang)}" for s in steps), numbered=True))
    return _section(t("summary"), blocks)


def _tension_lines(result: Result, lang: str) -> list[str]:
    tensions = [s for s in result.ranked_tensions() if s.tension is not None][:TOP_TENSIONS]
    lines = []
    for s in tensions:
        assert s.tension is not None
        high = T["high"](lang) if s.high else ""
        family = f" · {FAMILY[s.family](lang).lower()}" if s.family in FAMILY else ""
        lines.append(
            T["tension_item"](lang).format(
                name=s.title(lang), value=number(s.tension, lang), high=high
            )
            + family
        )
    return lines


def _area_reasons(reasons: Sequence[str], lang: str) -> str:
    words = {"sales_marketing_differ": T["reason_differ"], "low_clarity": T["reason_clarity"]}
    return "; ".join(words[r](lang) if r in words else r for r in reasons)
