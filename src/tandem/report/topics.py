"""What to discuss first, and what the target's urgency means, in words: one wording for
the PDF's first page, the meeting deck and the workshop view, so a management team reads
the same sentence on paper, on the screen and in the meeting."""

from __future__ import annotations

from collections.abc import Sequence

from tandem.contract.result import Result, Topic
from tandem.i18n import Text
from tandem.report.wording import (
    FAMILY,
    VERDICT,
    capitalise,
    gap_sentence,
    number,
    percent,
)

T = {
    "topic_tension": Text("Spanningsbron: {value} van 100{high}",
                          "Source of tension: {value} out of 100{high}"),
    "high": Text(" (hoog)", " (high)"),
    "topic_decision": Text("Betwist beslisgebied: {reasons}.",
                           "Contested decision area: {reasons}."),
    "topic_journey": Text("Klantreisfase zonder duidelijke eigenaar (helderheid {clarity}).",
                          "Customer-journey stage without a clear owner (clarity {clarity})."),
    "reason_differ": Text(
        "Sales en Marketing noemen een andere beslisser",
        "Sales and Marketing name a different decider",
    ),
    "reason_clarity": Text("lage helderheid", "low clarity"),
}

#: What the target's urgency means, beside its word (:data:`tandem.report.wording.URGENCY`).
URGENCY_NOTE = {
    "act_now": Text(
        "signalen van conflict of groei verhogen het doel",
        "conflict or growth signals raise the target",
    ),
    "plan": Text("het doel ligt boven de huidige fase", "the target is above today's phase"),
    "maintain": Text("de huidige fase vasthouden", "hold on to the current phase"),
}


def topic_words(result: Result, topic: Topic, lang: str) -> tuple[str, str]:
    """One thing to discuss: (what it is about, what the scan found)."""

    def t(key: str) -> str:
        return T[key](lang)

    if topic.kind == "gap" and topic.gap is not None:
        gap = result.gaps[topic.gap]
        head = result.scale(gap.scale).title(lang)
        verdict = VERDICT[gap.verdict](lang) if gap.verdict in VERDICT else gap.verdict
        return head, f"{capitalise(gap_sentence(result, gap, lang))} ({verdict})."
    if topic.kind == "tension":
        scale = result.scale(topic.subject)
        family = f" · {FAMILY[scale.family](lang).lower()}" if scale.family in FAMILY else ""
        value = number(scale.tension, lang) if scale.tension is not None else "—"
        text = t("topic_tension").format(value=value, high=t("high") if scale.high else "")
        return scale.title(lang), text + family
    if topic.kind == "decision":
        area = next(a for a in result.decision_rights if a.area == topic.subject)
        text = t("topic_decision").format(reasons=area_reasons(area.reasons, lang))
        return capitalise(area.label(lang)), text
    stage = next(s for s in result.journey if s.stage == topic.subject)
    clarity = percent(stage.clarity, lang) if stage.clarity is not None else "—"
    return stage.label(lang), t("topic_journey").format(clarity=clarity)


def area_reasons(reasons: Sequence[str], lang: str) -> str:
    """Why a decision area is contested, in words ("low clarity; ...")."""
    words = {"sales_marketing_differ": T["reason_differ"], "low_clarity": T["reason_clarity"]}
    return "; ".join(words[r](lang) if r in words else r for r in reasons)
