"""The funnel beside the scan, in words: what people said about leads next to what the
CRM shows for the same months ("Sales puts the tension on processes at 62/100: 34% of
MQLs became SQLs; median first contact 52 h against the agreed 24 h").

The figures of what people said come only from the :class:`~tandem.contract.result.Result`,
so they are exactly those the scan's pages show: a group's figure only when the result
carries it (never for fewer than k respondents), a statement's share only when it was
asked and answered by enough people. The CRM figures come from
:mod:`tandem.analysis.funnel` (pooled over the months beside the scan) and the targets
from :mod:`tandem.analysis.sla`. This module decides nothing about the figures: it
words them, in Dutch and English, in a fixed order of four topics.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from tandem.analysis.funnel import (
    FunnelMetrics,
    WindowFigures,
    funnel_metrics,
    response_hours,
    window,
    window_figures,
)
from tandem.analysis.sla import Attainment, Commitment
from tandem.analysis.sla import attainments as attainments_of
from tandem.contract.result import GroupFigures, Result, ScaleResult
from tandem.i18n import Text
from tandem.io.crm.records import FunnelData
from tandem.report.wording import DECIDER, group_label, number, percent

TOPICS: dict[str, Text] = {
    "lead_quality": Text("Kwaliteit van leads", "Lead quality"),
    "follow_up": Text("Opvolging", "Follow-up"),
    "volume": Text("Aanvoer van leads", "Lead volume"),
    "targets": Text("Doelen en afspraken", "Targets and the agreement"),
}
NO_SAID = Text("de scan heeft hier geen cijfer voor (niet gevraagd, of te weinig antwoorden)",
               "the scan has no figure for this (not asked, or too few answers)")
NO_FACT = Text("de CRM-gegevens hebben geen cijfer voor deze maanden",
               "the CRM data has no figure for these months")

_T = {
    "group_tension": Text("{group} zet de spanning op {scale} op {value}/100",
                          "{group} puts the tension on {scale} at {value}/100"),
    "all_tension": Text("de spanning op {scale} is {value}/100",
                        "the tension on {scale} is {value}/100"),
    "high": Text(" (hoog)", " (high)"),
    "handoff": Text("{value} vindt dat de overdracht van leads van Marketing naar Sales goed "
                    "loopt", "{value} find that the hand-off of leads from Marketing to Sales "
                    "works well"),
    "follow": Text("{value} vindt duidelijk wie een lead opvolgt en binnen welke termijn",
                   "{value} find it clear who follows up a lead and how quickly"),
    # Version 2 asks the hand-off the other way round, and who and how quickly apart.
    "lost": Text("{value} zegt dat leads niet zoekraken tussen Marketing en Sales",
                 "{value} say leads do not get lost between Marketing and Sales"),
    "follow_owner": Text("{value} zegt dat is afgesproken wie een lead opvolgt",
                         "{value} say it is agreed who follows up a lead"),
    "follow_time": Text("{value} zegt dat is afgesproken hoe snel een lead wordt opgevolgd",
                        "{value} say it is agreed how quickly a lead is followed up"),
    "definition": Text("{value} zegt dat Sales en Marketing één definitie van een "
                       "gekwalificeerde lead hanteren", "{value} say Sales and Marketing use "
                       "one agreed definition of a qualified lead"),
    "contested": Text("wie beslist hoe leads worden gedefinieerd is betwist",
                      "who decides how leads are defined is contested"),
    "decider": Text("{value} noemt {who} als wie beslist hoe leads worden gedefinieerd",
                    "{value} name {who} as who decides how leads are defined"),
    "conversion": Text("{value} van de MQL's werd SQL", "{value} of MQLs became SQLs"),
    "agreed_rate": Text(" (afgesproken: {value})", " (agreed: {value})"),
    "response": Text("mediaan eerste contact {median} (p90 {p90})",
                     "median first contact {median} (p90 {p90})"),
    "against": Text(" tegen de afgesproken {value}", " against the agreed {value}"),
    "untouched": Text("{n} MQL's nog niet benaderd", "{n} MQLs not contacted yet"),
    "hours": Text("{value} uur", "{value} h"),
    "volume": Text("{value} MQL's per maand", "{value} MQLs a month"),
    "won": Text("{value} van de opportunities gewonnen", "{value} of opportunities won"),
    "win_rate": Text("winratio {value}", "win rate {value}"),
    "kept": Text("de afgesproken doelen {met} van de {measured} keer gehaald (per afspraak en "
                 "maand)", "agreed targets met {met} of {measured} times (per commitment and "
                 "month)"),
}


@dataclass(frozen=True)
class Statement:
    """One topic: what people said and what the CRM shows, as a sentence and as the two
    short figures a table over waves shows."""

    topic: str
    title: Text
    said: Text | None
    fact: Text | None
    sentence: Text
    said_figure: Text | None = None  # the first figure of ``said`` ("62/100", "29%")
    fact_figure: Text | None = None  # the first figure of ``fact`` ("34%", "52 h")


def _both(make: Callable[[str], str]) -> Text:
    return Text(make("nl"), make("en"))


def _scale(result: Result | None, scale_id: str) -> ScaleResult | None:
    if result is None or result.meta.n is None:
        return None
    return next((s for s in result.scales if s.id == scale_id), None)


def _group(scale: ScaleResult, group: str) -> GroupFigures | None:
    return next((g for g in scale.groups if g.group == group and not g.suppressed
                 and g.tension is not None), None)


def _tension(result: Result | None, scale_id: str, group: str) -> tuple[Text, Text] | None:
    """The tension on a source as said by ``group`` (or by everyone when the result has
    no figure for the group), with the figure alone."""
    scale = _scale(result, scale_id)
    if scale is None or result is None:
        return None
    figure = _group(scale, group)
    if figure is not None and figure.tension is not None:
        value = figure.tension
        name = "group_tension"
    elif scale.tension is not None:
        value = scale.tension
        name = "all_tension"
    else:
        return None
    shown = _both(lambda lang: number(value, lang))
    high = scale.high and name == "all_tension"

    def said(lang: str) -> str:
        text = _T[name](lang).format(group=group_label(result, group, lang),
                                     scale=scale.title(lang).lower(), value=shown(lang))
        return text + (_T["high"](lang) if high else "")

    return _both(said), _both(lambda lang: f"{shown(lang)}/100")


def _item(result: Result | None, scale_id: str, item_id: str,
          phrase: str) -> tuple[Text, Text] | None:
    scale = _scale(result, scale_id)
    item = next((i for i in scale.items if i.id == item_id), None) if scale else None
    if item is None:
        return None
    shown = _both(lambda lang: percent(item.favourable, lang))
    return _phrase(phrase, shown), shown


def _definition_area(result: Result | None) -> tuple[Text, Text] | None:
    if result is None or result.meta.n is None:
        return None
    area = next((a for a in result.decision_rights if a.area == "lead_definition"), None)
    if area is None:
        return None
    if area.contested:
        text = _T["contested"]
        return text, text
    modal = area.modal
    if modal is None or area.clarity is None:
        return None
    clarity = area.clarity
    shown = _both(lambda lang: percent(clarity, lang))
    who = DECIDER.get(modal, Text(modal, modal))
    return (_both(lambda lang: _T["decider"](lang).format(value=shown(lang), who=who(lang))),
            shown)


def _target(attainments: tuple[Attainment, ...], measure: str) -> float | None:
    """The target of the first commitment measured this way (its latest month)."""
    for a in attainments:
        if a.measure == measure and a.months:
            return a.months[-1].target
    return None


def _join(parts: list[tuple[Text, Text]]) -> tuple[Text | None, Text | None]:
    if not parts:
        return None, None
    return _both(lambda lang: "; ".join(p[0](lang) for p in parts)), parts[0][1]


def _figure(value: float | None, show: Callable[[float, str], str]) -> Text | None:
    return None if value is None else _both(lambda lang: show(value, lang))


def _phrase(name: str, shown: Text) -> Text:
    return _both(lambda lang: _T[name](lang).format(value=shown(lang)))


def _agreed(fact: Text, phrase: str, target: Text | None) -> Text:
    """The fact with the agreed target after it, when the agreement names one."""
    if target is None:
        return fact
    return _both(lambda lang: fact(lang) + _T[phrase](lang).format(value=target(lang)))


def _facts_lead_quality(figures: WindowFigures,
                        attainments: tuple[Attainment, ...]) -> list[tuple[Text, Text]]:
    shown = _figure(figures.mql_to_sql, percent)
    if shown is None:
        return []
    target = _figure(_target(attainments, "mql_to_sql"), percent)
    return [(_agreed(_phrase("conversion", shown), "agreed_rate", target), shown)]


def _hours_of(value: float, lang: str) -> str:
    return _T["hours"](lang).format(value=number(value, lang))


def _facts_follow_up(figures: WindowFigures,
                     attainments: tuple[Attainment, ...]) -> list[tuple[Text, Text]]:
    shown, high = _figure(figures.response_median, _hours_of), _figure(figures.response_p90,
                                                                        _hours_of)
    if shown is None or high is None:
        return []
    fact = _both(lambda lang: _T["response"](lang).format(median=shown(lang), p90=high(lang)))
    target = _figure(_target(attainments, "response_hours"), _hours_of)
    parts = [(_agreed(fact, "against", target), shown)]
    if figures.not_contacted:
        untouched = _T["untouched"].format(n=figures.not_contacted)
        parts.append((untouched, untouched))
    return parts


def _facts_volume(figures: WindowFigures,
                  attainments: tuple[Attainment, ...]) -> list[tuple[Text, Text]]:
    parts: list[tuple[Text, Text]] = []
    shown = _figure(figures.mqls_per_month, number)
    if shown is not None:
        target = _figure(_target(attainments, "mqls"), number)
        parts.append((_agreed(_phrase("volume", shown), "against", target), shown))
    won = _figure(figures.opportunity_to_won, percent)
    if won is not None:
        parts.append((_phrase("won", won), won))
    return parts


def _facts_targets(figures: WindowFigures,
                   attainments: tuple[Attainment, ...]) -> list[tuple[Text, Text]]:
    parts: list[tuple[Text, Text]] = []
    rate = _figure(figures.win_rate, percent)
    if rate is not None:
        parts.append((_phrase("win_rate", rate), rate))
    months = [m for a in attainments for m in a.months if m.month in figures.months]
    measured = [m for m in months if m.met is not None]
    if measured:
        kept = _T["kept"].format(met=sum(1 for m in measured if m.met), measured=len(measured))
        parts.append((kept, _both(lambda lang: f"{sum(1 for m in measured if m.met)}"
                                                f"/{len(measured)}")))
    return parts


def _sentence(said: Text, fact: Text) -> Text:
    def make(lang: str) -> str:
        left = said(lang)
        return f"{left[:1].upper()}{left[1:]}: {fact(lang)}."

    return _both(make)


def statements(result: Result | None, figures: WindowFigures,
               attainments: tuple[Attainment, ...] = ()) -> tuple[Statement, ...]:
    """The four topics beside one scan (``result``; None when it has no result yet)."""
    said_parts = {
        "lead_quality": [p for p in (
            _tension(result, "org_process", "sales"),
            _item(result, "org_process", "org_process_2", "handoff")  # version 1
            or _item(result, "org_process", "org_process_4", "lost"),  # version 2
            _definition_area(result) or _item(result, "DEF", "def_lead_definition",
                                               "definition"),
        ) if p is not None],
        "follow_up": [p for p in (_item(result, "DEF", "def_handoff", "follow"),
                                  _item(result, "DEF", "def_lead_owner", "follow_owner"),
                                  _item(result, "DEF", "def_lead_deadline", "follow_time"))
                      if p],
        "volume": [p for p in (_tension(result, "eco_promotion", "sales"),) if p],
        "targets": [p for p in (_tension(result, "org_metrics", "sales"),) if p],
    }
    fact_parts = {
        "lead_quality": _facts_lead_quality(figures, attainments),
        "follow_up": _facts_follow_up(figures, attainments),
        "volume": _facts_volume(figures, attainments),
        "targets": _facts_targets(figures, attainments),
    }
    out = []
    for topic, title in TOPICS.items():
        said, said_figure = _join(said_parts[topic])
        fact, fact_figure = _join(fact_parts[topic])
        out.append(Statement(topic, title, said, fact, _sentence(said or NO_SAID, fact or NO_FACT),
                             said_figure, fact_figure))
    return tuple(out)


@dataclass(frozen=True)
class FunnelReport:
    """The funnel beside one scan, as the cockpit page and the PDF report show it."""

    metrics: FunnelMetrics
    window: WindowFigures  # the months set beside the scan
    statements: tuple[Statement, ...]
    attainments: tuple[Attainment, ...]


def funnel_report(data: FunnelData, result: Result | None, commitments: list[Commitment],
                  until: date | None) -> FunnelReport:
    """Everything the faces show of the funnel beside the scan closed on ``until``
    (``result`` its result; None and None for the latest months without a scan)."""
    metrics = funnel_metrics(data)
    hours = response_hours(data)
    kept = attainments_of(commitments, metrics, hours)
    figures = window_figures(data, metrics, window(metrics, until))
    return FunnelReport(metrics, figures, statements(result, figures, kept), kept)
