"""What each slide of the meeting kit says, as plain data: one list of slides that the
PowerPoint deck lays out and the workshop view shows step by step, so both say the same.

Everything is read from the :class:`Result` and worded with the shared wording of the
PDF and the pages (:mod:`tandem.report.wording`, :mod:`tandem.report.topics`); nothing is
computed or ranked here. A withheld group is in no figure: the groups slide names it with
"fewer than k", never with a number.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tandem.analysis.gaps import GAP_POINTS
from tandem.analysis.mirror import Mirror
from tandem.contract.result import Gap, Result, Topic
from tandem.report import charts
from tandem.report.deck._words import T
from tandem.report.mirror import mirror_rows
from tandem.report.pdf import long_date
from tandem.report.topics import URGENCY_NOTE, area_reasons, topic_words
from tandem.report.wording import (
    DECIDER,
    QUESTIONNAIRE,
    UNOWNED,
    URGENCY,
    VERDICT,
    capitalise,
    certainty_words,
    gap_interval_bounds,
    gap_sentence,
    gaps_in_words,
    group_label,
    group_notes,
    number,
    percent,
    questionnaire_words,
)
from tandem.target import PHASE_LABELS
from tandem.thresholds import CLARITY_BAR

#: How many lines of an already ranked list fit on a slide (layout, not judgement).
TOP_TENSIONS = 3
TOP_GAPS = 3
TOP_STEPS = 3
TOP_REASONS = 4
ACTION_ROWS = 5

#: The slides in the order of the meeting; ``too_few`` replaces the middle ones when the
#: scan is below the threshold, and a form that did not ask about decision rights or the
#: customer journey (the quick scan) has no slide for them.
KEYS = ("title", "discuss", "phase", "target", "tensions", "gaps", "decisions", "journey",
        "mirror", "groups", "actions")


@dataclass(frozen=True, slots=True)
class Point:
    """One line of a slide: an optional bold lead-in and its text."""

    text: str
    head: str = ""


@dataclass(frozen=True, slots=True)
class Grid:
    """A table to fill in during the meeting: its header and (empty) rows."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class Slide:
    """One thing to discuss: what it shows, how to read it, what to ask the team.

    ``scales`` are the scales an action agreed on this slide should move (ids for the
    action plan, never shown); ``records`` says whether the workshop view offers to
    record an action on this step.
    """

    key: str
    title: str
    lead: str = ""
    points: tuple[Point, ...] = ()
    aside_title: str = ""
    aside: tuple[Point, ...] = ()
    chart: str = ""  # an SVG from tandem.report.charts
    grid: Grid | None = None
    notes: tuple[str, ...] = ()
    question: str = ""
    scales: tuple[str, ...] = ()
    records: bool = False


def meeting_slides(
    result: Result, lang: str, *, organisation: str | None = None, scan: str | None = None,
    day: date, mirror: Mirror | None = None,
) -> tuple[Slide, ...]:
    """The slides of the management meeting, in the order of :data:`KEYS`, in ``lang``;
    ``mirror`` (a closed customer mirror's figures) adds what customers saw."""
    opening = _title(result, lang, organisation, scan, day)
    closing = _actions(result, lang)
    customers = [_mirror(mirror, lang)] if mirror is not None else []
    if result.phase is None or result.meta.n is None:
        return opening, _too_few(lang), *customers, closing
    asked = ([_decisions(result, lang)] if result.decision_rights else []) + (
        [_journey(result, lang)] if result.journey else []) + customers
    return (opening, _discuss(result, lang), _phase(result, lang), _target(result, lang),
            _tensions(result, lang), _gaps(result, lang), *asked, _groups(result, lang),
            closing)


def _t(key: str, lang: str, **values: object) -> str:
    return T[key](lang).format(**values) if values else T[key](lang)


def _notes(key: str, lang: str, *extra: str, **values: object) -> tuple[str, ...]:
    """The slide's reading notes, anything ``extra``, then the question for the team."""
    question = _t(f"{key}_question", lang)
    return (_t(f"{key}_notes", lang, **values), *extra,
            _t("ask", lang, question=question))


def _title(result: Result, lang: str, organisation: str | None, scan: str | None,
           day: date) -> Slide:
    meta = result.meta
    facts = [Point(_t("scan", lang, scan=scan))] if scan else []
    facts.append(Point(_t("date", lang, date=long_date(day, lang))))
    if meta.n is not None:
        groups = " · ".join(f"{g.label(lang)} {g.n}" for g in meta.groups)
        facts.append(Point(groups, head=_t("respondents", lang, n=meta.n) + ":"))
    facts.append(Point(questionnaire_words(result, lang), head=f"{QUESTIONNAIRE(lang)}:"))
    facts.append(Point(_t("threshold", lang, k=meta.k)))
    return Slide("title", organisation or _t("default_title", lang), lead=_t("kicker", lang),
                 points=tuple(facts), notes=_notes("title", lang, k=meta.k),
                 question=_t("title_question", lang))


def _topic_point(result: Result, topic: Topic, lang: str) -> Point:
    head, text = topic_words(result, topic, lang)
    return Point(text, head=head + ":")


def _scales_of(result: Result, topics: tuple[Topic, ...]) -> tuple[str, ...]:
    """The scales named by tension and gap topics, once each, in their order."""
    named = [t.subject for t in topics if t.kind in ("tension", "gap")]
    return tuple(dict.fromkeys(named))


def _discuss(result: Result, lang: str) -> Slide:
    topics = result.discuss_first
    points = tuple(_topic_point(result, t, lang) for t in topics)
    return Slide("discuss", _t("discuss", lang), lead=_t("discuss_lead", lang),
                 points=points or (Point(_t("nothing_stands_out", lang)),),
                 notes=_notes("discuss", lang), question=_t("discuss_question", lang),
                 scales=_scales_of(result, topics), records=True)


def _phase(result: Result, lang: str) -> Slide:
    phase = result.phase
    assert phase is not None
    lead = phase.ladder.label(lang)
    if phase.uncertainty is not None:
        lead += ". " + _t("certainty", lang, certainty=certainty_words(phase.uncertainty, lang))
    points: list[Point] = []
    if phase.note is not None:
        points.append(Point(phase.note(lang)))
    if result.meta.indicative:
        points.append(Point(_t("indicative", lang)))
    seen = []
    for g in phase.by_group:
        if g.suppressed or g.phase is None or g.distribution is None:
            continue
        seen.append(Point(
            _t("individually", lang, phase=PHASE_LABELS[g.phase](lang),
               share=percent(g.distribution[g.phase - 1], lang)),
            head=group_label(result, g.group, lang) + ":"))
    return Slide("phase", _t("phase", lang), lead=lead, points=tuple(points),
                 aside_title=_t("perceived", lang) if seen else "", aside=tuple(seen),
                 chart=charts.phase_ladder(result, lang),
                 notes=_notes("phase", lang, bar=number(result.meta.block_met_at, lang)),
                 question=_t("phase_question", lang))


def _target(result: Result, lang: str) -> Slide:
    target = result.target
    if target is None:
        return Slide("target", _t("target", lang), points=(Point(_t("no_target", lang)),),
                     notes=_notes("target", lang), question=_t("target_question", lang))
    urgency = URGENCY[target.urgency](lang) if target.urgency in URGENCY else target.urgency
    note = URGENCY_NOTE[target.urgency](lang) if target.urgency in URGENCY_NOTE else ""
    reasons = [r.text(lang) for r in target.reasons]
    points = [Point(r) for r in reasons[:TOP_REASONS]]
    extra: list[str] = []
    if len(reasons) > TOP_REASONS:  # every reason in the notes, the first on the slide
        points.append(Point(_t("more_reasons", lang, n=len(reasons) - TOP_REASONS)))
        extra += [_t("all_reasons", lang), *reasons]
    if target.horizon_reason is not None:
        points.append(Point(_t("horizon", lang, reason=target.horizon_reason(lang))))
    steps = [s for s in result.roadmap if s.status != "in_place"][:TOP_STEPS]
    if steps:
        extra += [_t("steps_notes", lang), *(f"{s.title(lang)}: {s.why(lang)}" for s in steps)]
    if target.unjudged:
        extra.append(_t("unjudged", lang, n=len(target.unjudged)))
    return Slide(
        "target", _t("target", lang),
        lead=_t("target_lead", lang, target=target.label(lang), urgency=urgency, note=note),
        points=tuple(points), aside_title=_t("steps", lang) if steps else "",
        aside=tuple(Point(s.title(lang)) for s in steps),
        notes=_notes("target", lang, *extra), question=_t("target_question", lang),
        scales=tuple(dict.fromkeys(a for s in steps for a in s.addresses)), records=True)


def _tensions(result: Result, lang: str) -> Slide:
    ranked = [s for s in result.ranked_tensions() if s.tension is not None][:TOP_TENSIONS]
    points = tuple(_topic_point(result, Topic("tension", s.id), lang) for s in ranked)
    return Slide("tensions", _t("tensions", lang),
                 lead=_t("tensions_lead", lang, high=number(result.meta.high_tension, lang)),
                 points=points, chart=charts.tension_bars(result, lang),
                 notes=_notes("tensions", lang), question=_t("tensions_question", lang),
                 scales=tuple(s.id for s in ranked), records=True)


def _gaps(result: Result, lang: str) -> Slide:
    tiered = result.ranked_gaps(tiered=True)
    shown = tiered[:TOP_GAPS]
    points = [
        Point(f"{capitalise(gap_sentence(result, g, lang))} ({_interval(g, lang)}).",
              head=capitalise(VERDICT[g.verdict](lang)) + ":")
        for g in shown
    ]
    if len(tiered) > len(shown):
        points.append(Point(_t("more_gaps", lang, shown=len(shown), total=len(tiered))))
    none = gaps_in_words(result, lang)
    if none:
        points.append(Point(none))
    if "marketing_more_positive" in result.patterns:
        points.append(Point(_t("prior", lang)))
    scales = tuple(dict.fromkeys(g.scale for g in shown))
    chart = charts.perception_gap_chart(result, lang, scales) if scales else ""
    return Slide("gaps", _t("gaps", lang), lead=_t("gaps_lead", lang), points=tuple(points),
                 chart=chart, notes=_notes("gaps", lang, points=number(GAP_POINTS, lang)),
                 question=_t("gaps_question", lang), scales=scales, records=True)


def _interval(gap: Gap, lang: str) -> str:
    """The gap's 95% interval the way its sentence reads it, said once per gap."""
    low, high = gap_interval_bounds(gap)
    return _t("interval", lang, low=_signed(low, lang), high=_signed(high, lang))


def _signed(value: float, lang: str) -> str:
    """A figure with a true minus sign, which a line never breaks after (an interval of a
    gap's size can still reach below zero)."""
    return number(value, lang).replace("-", "\u2212")


def _decider(code: str | None, lang: str) -> str:
    if code is None:
        return "—"
    return DECIDER[code](lang) if code in DECIDER else code


def _decisions(result: Result, lang: str) -> Slide:
    contested = [a for a in result.decision_rights if a.contested]
    points = tuple(
        Point(_t("decided_by", lang, who=_decider(a.modal, lang),
                 clarity=percent(a.clarity, lang) if a.clarity is not None else "—",
                 reasons=area_reasons(a.reasons, lang)),
              head=capitalise(a.label(lang)) + ":")
        for a in contested
    )
    return Slide("decisions", _t("decisions", lang), lead=_t("decisions_lead", lang),
                 points=points or (Point(_t("no_decisions", lang)),),
                 chart=charts.decision_matrix(result, lang) if result.decision_rights else "",
                 notes=_notes("decisions", lang, bar=percent(CLARITY_BAR, lang)),
                 question=_t("decisions_question", lang), records=True)


def _journey(result: Result, lang: str) -> Slide:
    unowned = [s for s in result.journey if s.unowned]
    points = tuple(
        Point(_t("stage_line", lang, owner=UNOWNED(lang),
                 clarity=percent(s.clarity, lang) if s.clarity is not None else "—",
                 consistency=number(s.consistency_score, lang)
                 if s.consistency_score is not None else "—"),
              head=s.label(lang) + ":")
        for s in unowned
    )
    return Slide("journey", _t("journey", lang), lead=_t("journey_lead", lang),
                 points=points or (Point(_t("all_owned", lang)),),
                 chart=charts.journey_stages(result, lang) if result.journey else "",
                 notes=_notes("journey", lang), question=_t("journey_question", lang),
                 records=True)


def _mirror(figures: Mirror, lang: str) -> Slide:
    """The stages where customers see a break (the core's order: unowned first), each with
    the customers' score and the owner inside; stages below k are not named."""
    points = []
    for row in mirror_rows(figures, lang):
        customers = row["customers"]
        if not row["flagged"] or customers is None:
            continue
        points.append(Point(_t("mirror_line", lang, owner=row["owner_text"], **customers),
                            head=row["label"] + ":"))
    return Slide("mirror", _t("mirror", lang), lead=_t("mirror_lead", lang),
                 points=tuple(points) or (Point(_t("no_break", lang)),),
                 notes=_notes("mirror", lang, bar=number(figures.break_below, lang),
                              k=figures.k),
                 question=_t("mirror_question", lang), records=True)


def _groups(result: Result, lang: str) -> Slide:
    k = result.meta.k
    points = [Point(_t("group_n", lang, n=g.n), head=g.label(lang) + ":")
              for g in result.meta.groups]
    points += [Point(_t("fewer_than_k", lang, k=k), head=group_label(result, g, lang) + ":")
               for g in result.withheld_groups()]
    notes = [Point(n) for n in group_notes(result, lang)]
    cells = [s for s in result.suppressed if s.reason in ("below_k", "complementary")]
    if cells:
        notes.append(Point(_t("cells", lang, n=len(cells))))
    return Slide("groups", _t("groups", lang), lead=_t("groups_lead", lang, k=k),
                 points=tuple(points), aside=tuple(notes),
                 aside_title=_t("withheld", lang) if notes else "", notes=_notes("groups", lang),
                 question=_t("groups_question", lang))


def _actions(result: Result, lang: str) -> Slide:
    header = tuple(_t(c, lang) for c in ("col_action", "col_owner", "col_due", "col_moves"))
    steps = [s.title(lang) for s in result.roadmap if s.status != "in_place"][:TOP_STEPS]
    extra = (_t("suggested", lang, steps="; ".join(steps)),) if steps else ()
    return Slide("actions", _t("actions", lang), lead=_t("actions_lead", lang),
                 grid=Grid(header, tuple(("",) * len(header) for _row in range(ACTION_ROWS))),
                 notes=_notes("actions", lang, *extra), question=_t("actions_question", lang),
                 records=True)


def _too_few(lang: str) -> Slide:
    return Slide("too_few", _t("too_few", lang), points=(Point(_t("too_few_text", lang)),),
                 notes=(_t("ask", lang, question=_t("too_few_question", lang)),),
                 question=_t("too_few_question", lang))
