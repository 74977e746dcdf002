"""What each results tab shows, picked and worded from the :class:`Result` (never computed).

Views stay thin: they fetch the result through the selectors and hand it here; this
module only selects, sorts, rounds and words figures the core already computed, in the
page's language, with the shared bilingual wording of :mod:`tandem.report.wording`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.safestring import SafeString, mark_safe

from tandem.analysis.benchmark import Benchmark
from tandem.analysis.compare import MOVED_POINTS, MOVED_Q, WaveComparison
from tandem.context import context_field
from tandem.contract.result import Gap, GroupFigures, Measure, Result, ScaleResult
from tandem.instrument import Instrument, instrument_for
from tandem.report import charts
from tandem.report import empathy as empathy_words
from tandem.report.charts.empathy import empathy_chart
from tandem.report.wording import (
    AGREEMENT,
    DECIDER,
    FAMILY,
    GAP_FAMILY,
    SCALE_KIND,
    STEP_STATUS,
    URGENCY,
    VERDICT,
    capitalise,
    certainty_words,
    comment_source,
    gap_sentence,
    gaps_in_words,
    group_label,
    method,
    number,
    percent,
    questionnaire_words,
)

FAMILIES = ("economic", "cultural", "organisational")
TOP_TENSIONS = 3
TOP_GAPS = 5
FIRST_STEPS = 3


def svg(markup: str) -> SafeString:
    """A chart from :mod:`tandem.report.charts`: it escapes every text it draws."""
    return mark_safe(markup)  # noqa: S308 # nosec B308 B703 # charts escape all text, no script


def fmt(value: float | None, lang: str, decimals: int = 0) -> str:
    return "—" if value is None else number(value, lang, decimals)


def heat_band(value: float | None) -> int:
    """A colour band 0-4 for a tension 0-100 (the number is always printed as well)."""
    if value is None:
        return -1
    return min(4, max(0, int(value // 20)))


def instrument_of(result: Result) -> Instrument | None:
    """The questionnaire version the result was made with (a scan keeps its version)."""
    try:
        return instrument_for(result.meta.instrument, result.meta.instrument_version)
    except ValueError:  # a result of a version this Tandem does not ship
        return None


# ---------------------------------------------------------------- overview


@dataclass
class Tension:
    id: str
    title: str
    family: str
    value: str
    raw: float


def tensions_ranked(result: Result, lang: str) -> list[Tension]:
    """The tension sources in the order the core ranked them (``Result.tension_order``)."""
    return [
        Tension(s.id, s.title(lang), FAMILY[s.family](lang) if s.family in FAMILY else "",
                fmt(s.tension, lang), s.tension)
        for s in result.ranked_tensions() if s.tension is not None
    ]


def overview(result: Result, lang: str) -> dict[str, Any]:
    phase, target = result.phase, result.target
    out: dict[str, Any] = {"has_phase": phase is not None}
    if phase is not None:
        out.update(
            phase_label=phase.ladder.label(lang),
            ladder_svg=svg(charts.phase_ladder(result, lang)),
            index_mean=fmt(phase.index.mean, lang, 2),
            index_label=phase.index.label(lang) if phase.index.label else None,
            agree=phase.agree,
            note=phase.note(lang) if phase.note else None,
            certainty=certainty_words(phase.uncertainty, lang) if phase.uncertainty else None,
        )
    if target is not None:
        out.update(
            target_label=target.label(lang),
            urgency=URGENCY[target.urgency](lang) if target.urgency in URGENCY else target.urgency,
            urgency_code=target.urgency,
            reasons=[r.text(lang) for r in target.reasons],
            horizon=target.horizon_reason(lang) if target.horizon_reason else "",
            override=target.override,
        )
    out["tensions"] = tensions_ranked(result, lang)[:TOP_TENSIONS]
    tiered = result.ranked_gaps(tiered=True)[:TOP_GAPS]
    out["gaps"] = [_gap_line(result, g, lang) for g in tiered]
    out["gaps_none"] = gaps_in_words(result, lang) if not tiered else None
    out["contested"] = [capitalise(a.label(lang)) for a in result.decision_rights if a.contested]
    out["steps"] = [
        {"title": s.title(lang), "why": s.why(lang),
         "status": STEP_STATUS[s.status](lang) if s.status in STEP_STATUS else s.status}
        for s in result.roadmap if s.rank is not None
    ][:FIRST_STEPS]
    return out


# ---------------------------------------------------------------- tensions


@dataclass
class HeatCell:
    group: str
    value: str
    band: int
    suppressed: bool


@dataclass
class ItemRow:
    id: str
    text: str
    n: int
    mean: str
    shares: list[str]
    favourable: str


@dataclass
class TensionRow:
    id: str
    title: str
    value: str
    band: int
    n: int
    agreement: str
    cells: list[HeatCell]
    items: list[ItemRow] = field(default_factory=list)


def _cell(figures: GroupFigures, result: Result, lang: str) -> HeatCell:
    label = group_label(result, figures.group, lang)
    if figures.suppressed or figures.tension is None:
        return HeatCell(label, "—", -1, True)
    return HeatCell(label, fmt(figures.tension, lang), heat_band(figures.tension), False)


def _items(scale: ScaleResult, instrument: Instrument | None, lang: str) -> list[ItemRow]:
    rows = []
    for item in scale.items:
        text = item.id
        if instrument is not None:
            with contextlib.suppress(KeyError):
                text = instrument.item(item.id).text(lang)
        rows.append(ItemRow(item.id, text, item.n, fmt(item.mean, lang, 1),
                            [percent(s, lang) for s in item.shares],
                            percent(item.favourable, lang)))
    return rows


def tensions(result: Result, lang: str) -> dict[str, Any]:
    instrument = instrument_of(result)
    groups = [group_label(result, g.id, lang) for g in result.meta.groups]
    families: list[dict[str, Any]] = []
    for family in FAMILIES:
        rows = [
            TensionRow(
                id=s.id, title=s.title(lang), value=fmt(s.tension, lang),
                band=heat_band(s.tension), n=s.n,
                agreement=AGREEMENT[s.agreement](lang) if s.agreement in AGREEMENT else "",
                cells=[_cell(g, result, lang) for g in s.groups],
                items=_items(s, instrument, lang),
            )
            for s in result.scales if s.kind == "tension" and s.family == family
        ]
        if rows:
            families.append({"id": family, "label": FAMILY[family](lang), "rows": rows})
    return {
        "families": families,
        "groups": groups,
        "bars_svg": svg(charts.tension_bars(result, lang)),
        "heatmap_svg": svg(charts.tension_heatmap(result, lang)) if groups else None,
    }


# ---------------------------------------------------------------- perception gaps


def _gap_line(result: Result, g: Gap, lang: str) -> dict[str, Any]:
    """A clear or possible gap as every results page lists it: verdict, family, sentence."""
    return {"sentence": gap_sentence(result, g, lang), "tier": g.tier,
            "tier_label": VERDICT[g.verdict](lang), "family": GAP_FAMILY[g.family](lang)}


def _shown_group(result: Result, g: GroupFigures, measure: Measure, lang: str) -> dict[str, Any]:
    value, low, high = g.shown(measure)
    return {"label": group_label(result, g.group, lang), "suppressed": g.suppressed,
            "score": fmt(value, lang), "n": g.n, "ci": f"{fmt(low, lang)}–{fmt(high, lang)}"}


def gaps(result: Result, lang: str) -> dict[str, Any]:
    rows = []
    for s in result.scales:
        if s.score is None:
            continue
        scale_gaps = [g for g in result.gaps if g.scale == s.id]
        value, low, high = s.shown()
        rows.append({
            "id": s.id,
            "title": s.title(lang),
            "kind": SCALE_KIND[s.kind](lang) if s.kind in SCALE_KIND else s.kind,
            "measure": s.measure,
            "score": fmt(value, lang),
            "ci": f"{fmt(low, lang)}–{fmt(high, lang)}",
            "n": s.n,
            "groups": [_shown_group(result, g, s.measure, lang) for g in s.groups],
            "tiered": [_gap_line(result, g, lang) for g in scale_gaps if g.tier is not None],
            "too_few": any(g.verdict == "too_few_to_tell" for g in scale_gaps),
            "verdicts": [
                {"pair": f"{group_label(result, g.a, lang)} – {group_label(result, g.b, lang)}",
                 "difference": fmt(g.difference, lang),
                 "ci": f"{fmt(g.diff_ci_low, lang)} – {fmt(g.diff_ci_high, lang)}",
                 "verdict": VERDICT[g.verdict](lang),
                 "family": GAP_FAMILY[g.family](lang),
                 "q": fmt(g.q, lang, 3), "g": fmt(g.hedges_g, lang, 2)}
                for g in scale_gaps
            ],
        })
    return {
        "rows": rows,
        "tiered": [_gap_line(result, g, lang) for g in result.ranked_gaps(tiered=True)],
        "none": gaps_in_words(result, lang),
        "chart_svg": svg(charts.perception_gap_chart(result, lang)) if result.meta.groups else None,
        "empathy": _empathy(result, lang),
    }


def _empathy(result: Result, lang: str) -> dict[str, Any] | None:
    """The empathy gap, only when the scan asked the meta-perception statements."""
    if not result.empathy.asked:
        return None
    return {
        "title": empathy_words.TITLE(lang),
        "intro": empathy_words.INTRO(lang),
        "method": empathy_words.METHOD(lang),
        "hidden": empathy_words.HIDDEN(lang),
        "headings": {key: text(lang) for key, text in empathy_words.HEADINGS.items()},
        "directions": [
            {"id": f"{d.predictor}-{d.predicted}", "predictor": d.predictor,
             "title": empathy_words.direction_title(d, lang),
             "suppressed": d.suppressed,
             "summary": "" if d.suppressed else empathy_words.direction_summary(d, lang),
             "rows": [] if d.suppressed else empathy_words.rows(result, d, lang),
             "chart_svg": None if d.suppressed or not d.statements
             else svg(empathy_chart(result, d, lang))}
            for d in result.empathy.directions
        ],
    }


# ---------------------------------------------------------------- decisions and journey


def _decider(code: str | None, lang: str) -> str:
    if code is None:
        return "—"
    return DECIDER[code](lang) if code in DECIDER else code


def decisions(result: Result, lang: str) -> dict[str, Any]:
    groups = [g.id for g in result.meta.groups]
    areas = []
    for a in result.decision_rights:
        by_group = {c.group: c for c in a.groups}
        areas.append({
            "label": capitalise(a.label(lang)),
            "modal": _decider(a.modal, lang),
            "clarity": percent(a.clarity, lang) if a.clarity is not None else "—",
            "unclear": a.clarity is not None and "low_clarity" in a.reasons,
            "contested": a.contested,
            "nobody": percent(a.nobody, lang),
            "cells": [
                {"suppressed": by_group[g].suppressed if g in by_group else True,
                 "modal": _decider(by_group[g].modal, lang) if g in by_group else "—",
                 "group": group_label(result, g, lang)}
                for g in groups
            ],
            "should": None if a.should is None or a.should.suppressed
            else _decider(a.should.modal, lang),
            "should_asked": a.should is not None,
        })
    return {
        "groups": [group_label(result, g, lang) for g in groups],
        "areas": areas,
        "asked_should": any(a["should_asked"] for a in areas),
        "matrix_svg": svg(charts.decision_matrix(result, lang)) if result.decision_rights else None,
    }


def journey(result: Result, lang: str) -> dict[str, Any]:
    stages = [
        {"label": capitalise(s.label(lang)),
         "owner": _decider(s.clear_owner, lang) if s.clear_owner is not None else "",
         "clarity": percent(s.clarity, lang) if s.clarity is not None else "—",
         "consistency": fmt(s.consistency_score, lang), "unowned": s.unowned, "n": s.n}
        for s in result.journey
    ]
    return {"stages": stages,
            "chart_svg": svg(charts.journey_stages(result, lang)) if result.journey else None}


# ---------------------------------------------------------------- comments, method, compare


def comments(result: Result, lang: str) -> dict[str, Any]:
    """Per open question, its sets of answers (one group's, or pooled) as the core made them."""
    instrument = instrument_of(result)
    questions: dict[str, dict[str, Any]] = {}
    for c in result.comments:
        if c.question not in questions:
            question = c.question
            if instrument is not None:
                with contextlib.suppress(KeyError):
                    question = instrument.item(c.question).text(lang)
            questions[c.question] = {"question": question, "sets": [], "withheld": False}
        entry = questions[c.question]
        if c.shown:
            entry["sets"].append({"source": comment_source(result, c, lang), "texts": c.texts})
        else:
            entry["withheld"] = True
    return {"questions": list(questions.values()), "comment_k": result.meta.comment_k}


def methodology(result: Result, lang: str) -> dict[str, Any]:
    sections = [(h(lang), t(lang)) for h, t in method(result.meta.k, result.meta.comment_k)]
    reliability = [
        {"title": s.title(lang), "alpha": fmt(s.reliability.alpha, lang, 2),
         "ci": f"{fmt(s.reliability.ci_low, lang, 2)}–{fmt(s.reliability.ci_high, lang, 2)}"
         if s.reliability.alpha is not None else "",
         "items": s.reliability.items, "n": s.reliability.n, "note": s.reliability.note}
        for s in result.scales
    ]
    return {"sections": sections, "reliability": reliability,
            "indicative": result.meta.indicative,
            "questionnaire": questionnaire_words(result, lang)}


def comparison(result: Result, waves: WaveComparison, lang: str) -> dict[str, Any]:
    titles = {s.id: s.title(lang) for s in result.scales}

    def row(c: Any) -> dict[str, Any]:
        return {
            "title": titles.get(c.scale, c.scale),
            "group": group_label(result, c.group, lang) if c.group != "all" else None,
            "previous": fmt(c.previous, lang), "current": fmt(c.current, lang),
            "change": ("+" if c.change > 0 else "") + fmt(c.change, lang),
            "ci": f"{fmt(c.ci_low, lang)} – {fmt(c.ci_high, lang)}",
            "q": fmt(c.q, lang, 3), "moved": c.moved, "verdict": c.verdict,
        }

    return {
        "overall": [row(c) for c in waves.overall],
        "moved": [row(c) for c in waves.moved],
        "by_group": [row(c) for c in waves.changes if c.group != "all"],
        "points": number(MOVED_POINTS, lang), "q": number(MOVED_Q, lang, 2),
        "n_previous": waves.n_previous, "n_current": waves.n_current,
    }


def benchmark(found: Benchmark | None, result: Result, lang: str) -> dict[str, Any]:
    """The scan among comparable organisations, as the core's Benchmark decided it: the
    comparison set used (criterion and this organisation's value) and a row per scale."""
    if found is None:
        return {"shown": False, "reason": "too_few", "rows": [], "criteria": []}
    titles = {s.id: s.title(lang) for s in result.scales}
    rows = [{
        "title": titles.get(b.scale, b.scale), "kind": b.kind,
        "figure": fmt(b.score if b.kind == "phase_block" else 100 - b.score, lang),
        "percentile": None if b.percentile is None else fmt(b.percentile, lang),
        "organisations": b.organisations, "respondents": b.respondents,
    } for b in found.scales]
    criteria = [(context_field(c).label(lang), context_field(c).value_label(
        found.profile.value(c))(lang)) for c in found.criteria or ()]
    return {"shown": found.shown, "reason": found.reason, "criteria": criteria,
            "everyone": found.criteria == (), "rows": rows,
            "organisations": found.organisations, "respondents": found.respondents,
            "min_organisations": found.min_organisations,
            "min_respondents": found.min_respondents}


def labels_for(values: Sequence[Any], instrument: Instrument, lang: str) -> list[dict[str, str]]:
    """Filter choices with the instrument's option labels."""
    out = []
    for v in values:
        label = v.value
        try:
            item = instrument.item(v.dimension)
            if item.options is not None:
                for option in item.options.options:
                    if option.code == v.value:
                        label = option.label(lang)
        except KeyError:
            pass
        out.append({"key": f"{v.dimension}:{v.value}", "label": label,
                    "dimension": v.dimension})
    return out
