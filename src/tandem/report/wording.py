"""Shared bilingual wording for every rendering of a result (Markdown, web, PDF)."""

from __future__ import annotations

from tandem.i18n import Text
from tandem.privacy import GROUP_LABELS
from tandem.result import Gap, Result

URGENCY = {
    "act_now": Text("Nu handelen", "Act now"),
    "plan": Text("Plannen", "Plan"),
    "maintain": Text("Vasthouden", "Maintain"),
}

FAMILY = {
    "economic": Text("Economisch", "Economic"),
    "cultural": Text("Cultureel", "Cultural"),
    "organisational": Text("Organisatorisch", "Organisational"),
}

DECIDER = {
    "marketing": Text("Marketing", "Marketing"),
    "sales": Text("Sales", "Sales"),
    "service": Text("Customer Service", "Customer Service"),
    "joint": Text("Marketing en Sales samen", "Marketing and Sales jointly"),
    "management": Text("de directie", "senior management"),
    "nobody": Text("niemand duidelijk", "nobody clearly"),
    "shared": Text("gedeeld", "shared"),
    "unclear": Text("onduidelijk", "unclear"),
    "dk": Text("weet ik niet", "don't know"),
}


def group_label(result: Result, group: str, lang: str) -> str:
    for info in result.meta.groups:
        if info.id == group:
            return info.label(lang)
    return GROUP_LABELS[group](lang) if group in GROUP_LABELS else group


def scale_title(result: Result, scale_id: str, lang: str) -> str:
    return result.scale(scale_id).title(lang)


def gap_sentence(result: Result, gap: Gap, lang: str) -> str:
    """ "Sales rates Promotion 23 points lower than Marketing does."."""
    a = group_label(result, gap.a, lang)
    b = group_label(result, gap.b, lang)
    title = scale_title(result, gap.scale, lang)
    points = round(abs(gap.difference))
    if lang == "en":
        direction = "lower" if gap.difference < 0 else "higher"
        return f"{a} rates {title} {points} points {direction} than {b} does"
    direction = "lager" if gap.difference < 0 else "hoger"
    return f"{a} beoordeelt {title} {points} punten {direction} dan {b}"
