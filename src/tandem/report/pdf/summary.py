"""Page 1: the title line and the summary a director reads first (phase, target, the three
things to discuss first), then the first steps and why this target."""

from __future__ import annotations

from typing import Any

from tandem.contract.result import Result
from tandem.report.pdf._blocks import _list, _para, _section
from tandem.report.pdf._words import T
from tandem.report.topics import URGENCY_NOTE, topic_words
from tandem.report.wording import URGENCY, capitalise, certainty_words, group_notes

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
        note = f"{urgency}: {URGENCY_NOTE[target.urgency](lang)}"
        cards.append({"label": t("target"), "value": target.label(lang), "note": note})
        if target.horizon_label is not None:
            cards.append({"label": t("horizon"), "value": target.horizon_label(lang),
                          "note": t("horizon_note")})
    blocks: list[dict[str, Any]] = [{"kind": "cards", "cards": cards}]
    blocks += [_para(note, "note") for note in group_notes(result, lang)]
    if result.meta.indicative:
        blocks.append(_para(t("indicative"), "note"))
    blocks.append(_para(t("discuss_first"), "h2"))
    topics = [dict(zip(("head", "text"), topic_words(result, topic, lang), strict=True))
              for topic in result.discuss_first]
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
