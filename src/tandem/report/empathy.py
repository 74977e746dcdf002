"""The empathy gap in words, Dutch and English: one source for the results page, the
Markdown report and the PDF, so every face says the same about the same figures.

The figures come from :mod:`tandem.analysis.empathy` through ``Result.empathy``; this
module only words them. Gaps are agreement on 0-100 (the statement as worded); the
sentences add which way that tilts the picture (a reverse-keyed statement turns it).
"""

from __future__ import annotations

from dataclasses import dataclass

from tandem.contract.result import EmpathyDirection, EmpathyStatement, Result
from tandem.i18n import Text
from tandem.instrument.loader import instrument_for
from tandem.privacy import GROUP_LABELS
from tandem.rounding import rounded_text, signed_text

TITLE = Text("Begrijpen Sales en Marketing elkaar?",
             "Do Sales and Marketing understand each other?")
INTRO = Text(
    "Sales en Marketing gaven voor acht uitspraken ook aan hoe de meeste mensen van de "
    "andere afdeling die volgens hen beantwoorden. Hier staat die verwachting naast wat de "
    "andere afdeling zelf antwoordde, als instemming op 0-100. Het verschil is de "
    "empathiekloof: hoe kleiner, hoe beter men elkaar begrijpt.",
    "For eight statements, Sales and Marketing also said how they think most people in the "
    "other department answer them. Here that expectation stands beside what the other "
    "department itself answered, as agreement on 0-100. The difference is the empathy gap: "
    "the smaller, the better each understands the other.",
)
HIDDEN = Text(
    "Niet getoond: een van beide afdelingen heeft minder antwoorden dan de drempel van deze "
    "scan, en een samengevoegde groep kan Sales of Marketing hier niet vervangen.",
    "Not shown: one of the two departments has fewer answers than this scan's threshold, "
    "and a pooled group cannot stand in for Sales or Marketing here.",
)
NONE_SHOWN = Text("Geen uitspraak met genoeg antwoorden aan beide kanten.",
                  "No statement has enough answers on both sides.")
HEADINGS = {
    "statement": Text("Uitspraak", "Statement"),
    "predicted": Text("Verwacht", "Expected"),
    "actual": Text("Zelf", "Own answer"),
    "gap": Text("Kloof", "Gap"),
    "interval": Text("95%-interval", "95% interval"),
    "verdict": Text("Wat het zegt", "What it says"),
}
METHOD = Text(
    "Verwacht en zelf: gemiddelde instemming op 0-100. Kloof = verwacht min zelf, met een "
    "95%-interval (Welch, twee onafhankelijke groepen). De empathiekloof per richting is het "
    "gemiddelde van de absolute kloven, met een bootstrap-interval; ook bij perfect begrip "
    "is die door toeval iets boven 0.",
    "Expected and own answer: mean agreement on 0-100. Gap = expected minus own, with a 95% "
    "interval (Welch, two independent groups). The empathy gap of a direction is the mean of "
    "the absolute gaps, with a bootstrap interval; chance alone keeps it a little above 0 "
    "even with perfect understanding.",
)


def department_name(group: str, lang: str) -> str:
    return GROUP_LABELS[group](lang) if group in GROUP_LABELS else group


def direction_title(direction: EmpathyDirection, lang: str) -> str:
    """"Sales about Marketing"."""
    about = Text("{a} over {b}", "{a} about {b}")(lang)
    return about.format(a=department_name(direction.predictor, lang),
                        b=department_name(direction.predicted, lang))


def _pct(value: float) -> str:
    return rounded_text(value)


def signed(value: float) -> str:
    """A gap in whole points with its sign; a gap that rounds to 0 is "0", not "+0"."""
    return signed_text(value)


def interval(low: float | None, high: float | None) -> str:
    if low is None or high is None:
        return "–"
    return f"{signed(low)} … {signed(high)}"


def statement_text(result: Result, statement: str, lang: str) -> str:
    """The statement's own wording in ``lang`` (its id when the instrument is unknown)."""
    try:
        instrument = instrument_for(result.meta.instrument, result.meta.instrument_version)
        return instrument.item(statement).text(lang)
    except (KeyError, ValueError):
        return statement


def statement_verdict(direction: EmpathyDirection, row: EmpathyStatement, lang: str) -> str:
    """What one statement's gap says, in plain words (short: it stands in a table)."""
    names = {"a": department_name(direction.predictor, lang),
             "b": department_name(direction.predicted, lang)}
    if row.verdict == "about_right":
        return Text("{a} schat {b} hier ongeveer goed in.",
                    "{a} judges {b} about right here.")(lang).format(**names)
    # agreeing more with a positively worded statement pictures the other as more positive
    rosier = (row.gap > 0) != row.reverse_keyed
    if row.gap > 0:
        core = Text("{a} verwacht meer instemming dan {b} geeft",
                    "{a} expects more agreement than {b} gives")
    else:
        core = Text("{a} verwacht minder instemming dan {b} geeft",
                    "{a} expects less agreement than {b} gives")
    tilt = (Text("een te rooskleurig beeld van {b}", "too rosy a picture of {b}") if rosier
            else Text("een te negatief beeld van {b}", "too negative a picture of {b}"))
    sentence = f"{core(lang).format(**names)}: {tilt(lang).format(**names)}."
    if row.verdict == "unclear":
        sentence += " " + Text("Nog onzeker bij dit aantal antwoorden.",
                               "Still uncertain at this number of answers.")(lang)
    return sentence


def direction_summary(direction: EmpathyDirection, lang: str) -> str:
    """The direction in one or two sentences: its empathy gap and its pattern."""
    names = {"a": department_name(direction.predictor, lang),
             "b": department_name(direction.predicted, lang)}
    if direction.mean_abs_gap is None:
        return NONE_SHOWN(lang)
    score = Text(
        "{a} zit gemiddeld {gap} punten naast wat {b} zelf antwoordt (95%-interval {low} tot "
        "{high}).",
        "{a} is on average {gap} points off what {b} itself answers (95% interval {low} to "
        "{high}).",
    )(lang).format(gap=_pct(direction.mean_abs_gap), low=_pct(direction.ci_low or 0.0),
                   high=_pct(direction.ci_high or 0.0), **names)
    pattern = {
        "expects_more_negative": Text(
            "Over het geheel verwacht {a} van {b} een negatiever beeld van de samenwerking "
            "dan {b} heeft.",
            "On the whole {a} expects {b} to see the collaboration more negatively than {b} "
            "does."),
        "expects_more_positive": Text(
            "Over het geheel verwacht {a} van {b} een positiever beeld van de samenwerking "
            "dan {b} heeft.",
            "On the whole {a} expects {b} to see the collaboration more positively than {b} "
            "does."),
        "close": Text("{a} schat {b} over het geheel goed in.",
                      "On the whole {a} judges {b} well."),
        "mixed": Text("De verschillen gaan niet één kant op, of zijn bij dit aantal nog "
                      "onzeker.",
                      "The differences do not all go one way, or are still uncertain at "
                      "this size."),
    }
    words = pattern[direction.pattern or "mixed"](lang).format(**names)
    return f"{score} {words}"


@dataclass(frozen=True, slots=True)
class Row:
    """One statement of a direction, ready to render."""

    statement: str
    predicted: str
    actual: str
    gap: str
    interval: str
    verdict: str
    gap_value: float
    predicted_value: float
    actual_value: float
    strong: bool  # the interval excludes 0: expects clearly more or less agreement


def rows(result: Result, direction: EmpathyDirection, lang: str) -> list[Row]:
    """The statements of a direction in the core's order (largest gap first)."""
    ordered = direction.statements
    return [Row(statement=statement_text(result, s.statement, lang), predicted=_pct(s.predicted),
                actual=_pct(s.actual), gap=signed(s.gap), interval=interval(s.ci_low, s.ci_high),
                verdict=statement_verdict(direction, s, lang), gap_value=s.gap,
                predicted_value=s.predicted, actual_value=s.actual,
                strong=s.verdict in ("expects_more_agreement", "expects_less_agreement"))
            for s in ordered]


def markdown(result: Result, lang: str) -> list[str]:
    """The report's section, as Markdown lines; none when the scan did not ask it."""
    if not result.empathy.asked:
        return []
    lines = [f"## {TITLE(lang)}", "", INTRO(lang), ""]
    for direction in result.empathy.directions:
        lines += [f"### {direction_title(direction, lang)}", ""]
        if direction.suppressed:
            lines += [HIDDEN(lang), ""]
            continue
        lines += [direction_summary(direction, lang), ""]
        found = rows(result, direction, lang)
        if not found:
            continue
        heads = [HEADINGS[h](lang) for h in
                 ("statement", "predicted", "actual", "gap", "interval", "verdict")]
        lines.append("| " + " | ".join(heads) + " |")
        lines.append("|---|---:|---:|---:|---|---|")
        for row in found:
            cells = [row.statement, row.predicted, row.actual, row.gap, row.interval, row.verdict]
            lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
        lines.append("")
    lines += [f"_{METHOD(lang)}_", ""]
    return lines
