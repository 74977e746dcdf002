"""Page 1: the title line and the summary a director reads first (phase, target, the three
things to discuss first), then the first steps and why this target."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tandem.contract.result import Result, Topic
from tandem.report.pdf._blocks import _list, _para, _section
from tandem.report.pdf._words import T
from tandem.report.wording import (
    FAMILY,
    URGENCY,
    VERDICT,
    capitalise,
    certainty_words,
    gap_sentence,
    group_notes,
    number,
    percent,
)

TOP_STEPS = 3


def _title(
    result: Result, lang: str, organisation: str | None, scan: str | None, day: str
) -> dict[str, Any]:
    """The compact title line: who, which scan, when, how many answered."""

    def t(key: str) -> str:
        return T[key](lang)

    facts = [scan] if scan else []
    facts.append(day)
    if result.meta.n is not None:
        facts.append(t("n_respondents").format(n=result.meta.n))
    return {"kicker": t("kicker"), "title": organisation or t("title"), "facts": facts}


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
        urgency = URGENCY[target.urgency](lang) if target.urgency in URGENCY else target.urgency
        note = f"{urgency}: {t(f'urgency_{target.urgency}')}"
        cards.append({"label": t("target"), "value": target.label(lang), "note": note})
        if target.horizon_label is not None:
            cards.append({"label": t("horizon"), "value": target.horizon_label(lang),
                          "note": t("horizon_note")})
    blocks: list[dict[str, Any]] = [{"kind": "cards", "cards": cards}]
    blocks += [_para(note, "note") for note in group_notes(result, lang)]
    if result.meta.indicative:
        blocks.append(_para(t("indicative"), "note"))
    blocks.append(_para(t("discuss_first"), "h2"))
    topics = [_topic(result, topic, lang) for topic in result.discuss_first]
    blocks.append(
        {"kind": "topics", "topics": topics} if topics else _para(t("nothing_stands_out"))
    )
    steps = [s for s in result.roadmap if s.status != "in_place"][:TOP_STEPS]
    if steps:
        blocks.append(_para(t("first_steps"), "h2"))
        blocks.append(_list((f"{s.title(lang)}. {s.why(lang)}" for s in steps), numbered=True))
    if phase.note is not None:
        blocks.append(_para(phase.note(lang), "callout"))
    if target is not None:
        blocks += [_para(t("why_target"), "h2"), _list(r.text(lang) for r in target.reasons)]
        if target.horizon_reason is not None:
            blocks.append(_para(f"{t('horizon')}: {target.horizon_reason(lang)}."))
    return _section(t("summary"), blocks)


def _topic(result: Result, topic: Topic, lang: str) -> dict[str, str]:
    """One thing to discuss: what it is about (in bold) and what the scan found."""

    def t(key: str) -> str:
        return T[key](lang)

    if topic.kind == "gap" and topic.gap is not None:
        gap = result.gaps[topic.gap]
        head = result.scale(gap.scale).title(lang)
        verdict = VERDICT[gap.verdict](lang) if gap.verdict in VERDICT else gap.verdict
        text = f"{capitalise(gap_sentence(result, gap, lang))} ({verdict})."
        return {"head": head, "text": text}
    if topic.kind == "tension":
        scale = result.scale(topic.subject)
        family = f" · {FAMILY[scale.family](lang).lower()}" if scale.family in FAMILY else ""
        value = number(scale.tension, lang) if scale.tension is not None else "—"
        text = t("topic_tension").format(value=value, high=t("high") if scale.high else "")
        return {"head": scale.title(lang), "text": text + family}
    if topic.kind == "decision":
        area = next(a for a in result.decision_rights if a.area == topic.subject)
        text = t("topic_decision").format(reasons=_area_reasons(area.reasons, lang))
        return {"head": capitalise(area.label(lang)), "text": text}
    stage = next(s for s in result.journey if s.stage == topic.subject)
    clarity = percent(stage.clarity, lang) if stage.clarity is not None else "—"
    return {"head": stage.label(lang), "text": t("topic_journey").format(clarity=clarity)}


def _area_reasons(reasons: Sequence[str], lang: str) -> str:
    words = {"sales_marketing_differ": T["reason_differ"], "low_clarity": T["reason_clarity"]}
    return "; ".join(words[r](lang) if r in words else r for r in reasons)
