"""The funnel's pages as rows for the templates: the inspection of an uploaded export
and the cockpit (metrics per month, time in stage, the agreement, what people said).

Figures are formatted here in the reader's language; which figures, in what order and
what counts as met were decided by the core (``tandem.analysis.funnel``,
``tandem.analysis.sla``, ``tandem.report.funnel``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from tandem.analysis.funnel import MonthFunnel
from tandem.analysis.sla import Attainment
from tandem.io.crm import BY_NAME, CrmReport
from tandem.io.crm.formats import stage_name
from tandem.io.crm.reading import BY_LABEL, BY_NAME_METHOD, DUPLICATE, ENTERED, IGNORED
from tandem.report import charts
from tandem.report.funnel import FunnelReport, Statement
from tandem.report.wording import number, percent
from tandem.web.funnel.selectors import Cockpit, Wave
from tandem.web.responses.pages import ProblemRow, problem_rows
from tandem.web.results.pages import svg

DASH = "–"


def _method(method: str) -> str:
    return {
        BY_NAME_METHOD: _("by internal name"),
        BY_LABEL: _("by label"),
        ENTERED: _("stage date"),
        DUPLICATE: _("same as an earlier column: not read"),
        IGNORED: _("not needed: not read"),
    }.get(method, _("personal data: not read"))


def _field(name: str) -> str:
    return {
        "id": _("record id (stored as a pseudonym)"),
        "created": _("created on"),
        "stage": _("stage or status (counted, not stored)"),
        "mql": _("became MQL on"),
        "sql": _("became SQL on"),
        "opportunity": _("became opportunity on"),
        "won": _("became customer on"),
        "first_touch": _("first sales touch on"),
        "owner": _("owner (stored as a pseudonym)"),
        "pipeline": _("pipeline"),
        "amount": _("amount"),
        "closed": _("closed on"),
        "is_won": _("won (yes/no)"),
        "is_closed": _("closed (yes/no)"),
        "is_lost": _("lost (yes/no)"),
        "converted": _("converted (yes/no)"),
        "converted_date": _("converted on (SQL)"),
        "converted_opportunity": _("opportunity converted into (stored as a pseudonym)"),
        "source": _("lead source (counted, not stored)"),
        "at": _("changed on"),
        "field": _("field changed (a status change is the first sales touch)"),
    }.get(name, name)


def _meaning(meaning: str) -> str:
    return {
        "lead": _("lead"), "mql": "MQL", "sql": "SQL", "opportunity": _("opportunity"),
        "won": _("won"), "lost": _("lost"), "open": _("open"),
        "status": _("status change: first sales touch"),
    }.get(meaning, _("not used"))


@dataclass(frozen=True)
class HeadingRow:
    column: str
    heading: str
    read_as: str
    method: str
    read: bool


@dataclass(frozen=True)
class ValueRow:
    field: str
    value: str
    meaning: str
    count: int


@dataclass(frozen=True)
class InspectionPage:
    report: CrmReport
    kind_title: str
    headings: list[HeadingRow]
    values: list[ValueRow]
    notices: list[str]
    personal: int  # columns with personal data, not read
    problems: list[ProblemRow]


def inspection_page(report: CrmReport, lang: str) -> InspectionPage:
    kind = BY_NAME.get(report.kind)
    headings = [
        HeadingRow(h.column, h.heading,
                   (stage_name(h.target, lang) if h.method == ENTERED else _field(h.target))
                   if h.target else DASH,
                   _method(h.method), h.target is not None and h.method != DUPLICATE)
        for h in report.headings
    ]
    return InspectionPage(
        report=report,
        kind_title=kind.title(lang) if kind else DASH,
        headings=headings,
        values=[ValueRow(_field(v.field), v.value, _meaning(v.meaning), v.count)
                for v in report.values],
        notices=[n.in_language(lang) for n in report.notices],
        personal=sum(1 for h in report.headings if h.method == "personal"),
        problems=problem_rows(report.problems, lang),
    )


# ---------------------------------------------------------------- the cockpit


def _pct(value: float | None, lang: str) -> str:
    return DASH if value is None else percent(value, lang)


def _num(value: float | None, lang: str) -> str:
    return DASH if value is None else number(value, lang)


@dataclass(frozen=True)
class MonthRow:
    month: str
    leads: int
    mqls: int
    sqls: int
    opportunities: int
    won: int
    cohort: int
    mql_to_sql: str
    sql_to_opportunity: str
    opportunity_to_won: str
    response_median: str
    response_p90: str
    not_contacted: int
    days_in_mql: str
    days_in_sql: str
    days_in_opportunity: str
    win_rate: str
    won_amount: str


def _month(m: MonthFunnel, lang: str) -> MonthRow:
    return MonthRow(
        m.month, m.leads, m.mqls, m.sqls, m.opportunities, m.won, m.cohort,
        _pct(m.mql_to_sql, lang), _pct(m.sql_to_opportunity, lang),
        _pct(m.opportunity_to_won, lang), _num(m.response_median, lang),
        _num(m.response_p90, lang), m.not_contacted, _num(m.days_in_mql, lang),
        _num(m.days_in_sql, lang), _num(m.days_in_opportunity, lang), _pct(m.win_rate, lang),
        number(m.won_amount, lang))


@dataclass(frozen=True)
class StageRow:
    record: str
    stage: str
    n: int
    median: str
    p90: str


@dataclass(frozen=True)
class AttainmentMonth:
    month: str
    value: str
    target: str
    met: bool | None
    within: str


@dataclass(frozen=True)
class AttainmentRow:
    description: str
    measure: str
    note: str
    met: int
    measured: int
    months: list[AttainmentMonth]


def _measure(measure: str) -> str:
    return {"mqls": _("MQLs in the month"),
            "response_hours": _("median hours to the first sales touch"),
            "mql_to_sql": _("MQLs that became SQLs (cohort)")}.get(measure, DASH)


def _attainment(a: Attainment, lang: str) -> AttainmentRow:
    def value(v: float | None) -> str:
        if v is None:
            return DASH
        return percent(v, lang) if a.measure == "mql_to_sql" else number(v, lang)

    return AttainmentRow(
        a.commitment.description, _measure(a.measure), a.note(lang) if a.note else "",
        a.met, a.measured,
        [AttainmentMonth(m.month, value(m.value), value(m.target), m.met,
                         _pct(m.share_within, lang)) for m in a.months])


@dataclass(frozen=True)
class StatementRow:
    title: str
    sentence: str
    said: bool
    fact: bool


def _statements(statements: tuple[Statement, ...], lang: str) -> list[StatementRow]:
    return [StatementRow(s.title(lang), s.sentence(lang), s.said is not None,
                         s.fact is not None) for s in statements]


@dataclass(frozen=True)
class WaveRow:
    title: str
    closed: str
    months: str
    cells: list[tuple[str, str, str]]  # per topic: (topic, what people said, the CRM)


def _months(report: FunnelReport) -> str:
    window = report.window.months
    return f"{window[0]} – {window[-1]}" if window else DASH


def _wave(wave: Wave, lang: str) -> WaveRow:
    cells = [(s.title(lang), s.said_figure(lang) if s.said_figure else DASH,
              s.fact_figure(lang) if s.fact_figure else DASH) for s in wave.report.statements]
    return WaveRow(wave.scan.title, wave.closed.isoformat() if wave.closed else DASH,
                   _months(wave.report), cells)


@dataclass(frozen=True)
class CockpitPage:
    months: list[MonthRow]
    chart: SafeString
    stages: list[StageRow]
    attainments: list[AttainmentRow]
    statements: list[StatementRow]
    window: str
    wave_title: str
    topics: list[str]
    waves: list[WaveRow]
    leads: int
    deals: int


def cockpit_page(cockpit: Cockpit, lang: str) -> CockpitPage:
    report = cockpit.latest
    metrics = report.metrics
    return CockpitPage(
        months=[_month(m, lang) for m in metrics.months],
        chart=svg(charts.funnel_bars(metrics.months[-12:], lang)),
        stages=[StageRow(_("lead") if s.record == "lead" else _("deal"),
                         {"mql": "MQL", "sql": "SQL", "opportunity": _("opportunity")}.get(
                             s.stage, s.stage) if s.record == "lead" else stage_name(s.stage, lang),
                         s.n, number(s.median_days, lang), number(s.p90_days, lang))
                for s in metrics.stages],
        attainments=[_attainment(a, lang) for a in report.attainments],
        statements=_statements(report.statements, lang),
        window=_months(report),
        wave_title=cockpit.latest_wave.scan.title if cockpit.latest_wave else "",
        topics=[s.title(lang) for s in report.statements],
        waves=[_wave(w, lang) for w in cockpit.waves],
        leads=metrics.leads,
        deals=metrics.deals,
    )
