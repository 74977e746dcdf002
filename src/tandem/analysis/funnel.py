"""The funnel beside the scan: what the CRM says happened to leads, month by month.

Read from :class:`~tandem.io.crm.records.FunnelData` (leads, deals, stage changes):

- **Period view**: events counted in the month they happened: new leads (created),
  MQLs, SQLs, opportunities and customers (the month of each stage date), and deals
  won and lost (the month of their close date).
- **Cohort view**: the leads created in a month, by the furthest stage each has reached
  so far ("reached SQL" includes a lead that went on to opportunity or customer, and one
  whose current stage is later although a date was not recorded). Its rates: MQL to SQL
  = cohort SQLs / cohort MQLs, SQL to opportunity, opportunity to won. A young cohort has
  had little time to convert, so its rates grow as later exports come in.
- **Lead response time**: per MQL (a lead with an MQL date; every Salesforce lead, which
  counts as handed over when created), the hours from the MQL date to the first sales
  touch: HubSpot's First Engagement Date (``hs_sa_first_engagement_date``), or a
  Salesforce lead's first status change in its LeadHistory. A touch before the MQL date
  counts as 0 hours (Sales was already in contact). Median and 90th percentile (linear
  interpolation) over the MQLs of the month that were touched; the untouched are counted
  apart ("not contacted").
- **Time in stage**: days from entering a stage to entering a later one, attributed to
  the month the stage was left: MQL, SQL and opportunity for leads; each deal stage of
  an OpportunityHistory or of HubSpot's "Date entered" columns (consecutive rows with
  the same stage, such as an amount change, are one stay). A stage not yet left has no
  duration.
- **Win rate**: deals won / (won + lost) among those closed in the month.

A Salesforce lead is won when the opportunity it was converted into is won (the
opportunity's close date); a HubSpot contact when it became a customer.

Every figure here is about CRM records, not about people who answered the scan: no
anonymity threshold applies, and the records are pseudonymous.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Literal

import numpy as np

from tandem.io.crm.records import MQL, OPPORTUNITY, SQL, WON, FunnelData, Lead

#: The months before (and including) a scan's closing month whose funnel is set beside it.
WINDOW_MONTHS = 3
HOUR = 3600.0
DAY = 86400.0


def month_of(moment: datetime | date) -> str:
    return f"{moment.year:04d}-{moment.month:02d}"


def _months_between(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:])
    out: list[str] = []
    while f"{year:04d}-{month:02d}" <= last:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def median(values: Iterable[float]) -> float | None:
    found = list(values)
    return float(np.median(found)) if found else None


def p90(values: Iterable[float]) -> float | None:
    found = list(values)
    return float(np.percentile(found, 90)) if found else None


@dataclass(frozen=True, slots=True)
class MonthFunnel:
    month: str  # "2025-03"
    # period view: events of the month
    leads: int
    mqls: int
    sqls: int
    opportunities: int
    won: int
    # cohort view: the leads created this month, by the furthest stage reached
    cohort: int
    cohort_mql: int
    cohort_sql: int
    cohort_opportunity: int
    cohort_won: int
    mql_to_sql: float | None
    sql_to_opportunity: float | None
    opportunity_to_won: float | None
    # the MQLs of the month: hours to the first sales touch
    responded: int
    not_contacted: int
    response_median: float | None
    response_p90: float | None
    # time in stage (median days) of the lead stages left this month
    days_in_mql: float | None
    days_in_sql: float | None
    days_in_opportunity: float | None
    # deals closed this month
    deals_won: int
    deals_lost: int
    win_rate: float | None
    won_amount: float


@dataclass(frozen=True, slots=True)
class StageTime:
    record: Literal["lead", "deal"]
    stage: str  # mql / sql / opportunity for leads; a deal stage as the CRM names it
    n: int
    median_days: float
    p90_days: float


@dataclass(frozen=True)
class FunnelMetrics:
    months: tuple[MonthFunnel, ...]  # every month from the first event to the last
    stages: tuple[StageTime, ...]  # lead stages, then deal stages in their usual order
    leads: int
    deals: int

    def month(self, month: str) -> MonthFunnel | None:
        return next((m for m in self.months if m.month == month), None)


@dataclass(frozen=True, slots=True)
class WindowFigures:
    """The funnel over a few months (beside a scan): pooled, not averaged."""

    months: tuple[str, ...]
    mqls: int
    mql_to_sql: float | None  # cohorts of the window
    opportunity_to_won: float | None
    response_median: float | None
    response_p90: float | None
    responded: int
    not_contacted: int
    win_rate: float | None
    mqls_per_month: float | None


# ---------------------------------------------------------------- joining the files


def resolve(data: FunnelData) -> tuple[Lead, ...]:
    """The leads with what other files add: a Salesforce lead's win (its converted
    opportunity won) and first touch (its first status change in the LeadHistory)."""
    won = {d.key: d.closed for d in data.deals if d.outcome == "won" and d.closed is not None}
    touched: dict[str, datetime] = {}
    for change in data.changes:
        if change.record == "lead" and (change.key not in touched
                                        or change.at < touched[change.key]):
            touched[change.key] = change.at
    out = []
    for lead in data.leads:
        if lead.deal_key and lead.deal_key in won and lead.won is None:
            lead = replace(lead, won=won[lead.deal_key], reached=WON)
        if lead.first_touch is None and lead.key in touched:
            lead = replace(lead, first_touch=touched[lead.key])
        out.append(lead)
    return tuple(out)


def _response(lead: Lead) -> float | None:
    """Hours from the MQL date to the first touch (0 when touched before); None untouched."""
    assert lead.mql is not None
    if lead.first_touch is None:
        return None
    return max((lead.first_touch - lead.mql).total_seconds() / HOUR, 0.0)


def response_hours(data: FunnelData, leads: tuple[Lead, ...] | None = None,
                   ) -> dict[str, list[float | None]]:
    """Per MQL month, each MQL's hours to the first touch (None: not contacted yet)."""
    found: dict[str, list[float | None]] = defaultdict(list)
    for lead in leads if leads is not None else resolve(data):
        if lead.mql is not None:
            found[month_of(lead.mql)].append(_response(lead))
    return found


def _next(after: datetime, *later: datetime | None) -> datetime | None:
    candidates = [d for d in later if d is not None and d >= after]
    return min(candidates) if candidates else None


def _lead_stays(leads: Iterable[Lead]) -> list[tuple[str, str, float]]:
    """(stage, month left, days) of every lead stage that was left."""
    stays = []
    for lead in leads:
        for stage, entered, later in (
            ("mql", lead.mql, (lead.sql, lead.opportunity, lead.won)),
            ("sql", lead.sql, (lead.opportunity, lead.won)),
            ("opportunity", lead.opportunity, (lead.won,)),
        ):
            if entered is None:
                continue
            left = _next(entered, *later)
            if left is not None:
                stays.append((stage, month_of(left), (left - entered).total_seconds() / DAY))
    return stays


def _deal_stays(data: FunnelData) -> tuple[list[tuple[str, float]], dict[str, float]]:
    """(stage, days) of every deal stage that was left, and each stage's mean position."""
    by_deal: dict[tuple[str, str], list[tuple[datetime, str]]] = defaultdict(list)
    for change in data.changes:
        if change.record == "deal":
            by_deal[(change.source, change.key)].append((change.at, change.stage))
    stays: list[tuple[str, float]] = []
    positions: dict[str, list[int]] = defaultdict(list)
    for history in by_deal.values():
        history.sort()
        entries: list[tuple[datetime, str]] = []
        for at, stage in history:
            if not entries or entries[-1][1] != stage:
                entries.append((at, stage))
        for index, (at, stage) in enumerate(entries):
            positions[stage].append(index)
            if index + 1 < len(entries):
                stays.append((stage, (entries[index + 1][0] - at).total_seconds() / DAY))
    mean_position = {s: sum(p) / len(p) for s, p in positions.items()}
    return stays, mean_position


def _stage_times(lead_stays: list[tuple[str, str, float]],
                 deal_stays: list[tuple[str, float]],
                 positions: dict[str, float]) -> tuple[StageTime, ...]:
    out: list[StageTime] = []
    for stage in ("mql", "sql", "opportunity"):
        days = [d for s, _m, d in lead_stays if s == stage]
        if days:
            out.append(StageTime("lead", stage, len(days), median(days) or 0.0, p90(days) or 0.0))
    for stage in sorted(positions, key=lambda s: (positions[s], s)):
        days = [d for s, d in deal_stays if s == stage]
        if days:
            out.append(StageTime("deal", stage, len(days), median(days) or 0.0, p90(days) or 0.0))
    return tuple(out)


# ---------------------------------------------------------------- per month


def funnel_metrics(data: FunnelData) -> FunnelMetrics:
    leads = resolve(data)
    events: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    cohorts: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for lead in leads:
        events[month_of(lead.created)]["leads"] += 1
        for name, moment in (("mqls", lead.mql), ("sqls", lead.sql),
                             ("opportunities", lead.opportunity), ("won", lead.won)):
            if moment is not None:
                events[month_of(moment)][name] += 1
        cohort = cohorts[month_of(lead.created)]
        for level in range(1, lead.reached + 1):
            cohort[level] += 1
    deals: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for deal in data.deals:
        if deal.closed is not None and deal.outcome != "open":
            closed = deals[month_of(deal.closed)]
            closed[deal.outcome] += 1
            if deal.outcome == "won":
                closed["amount"] += deal.amount or 0.0
    hours = response_hours(data, leads)
    lead_stays = _lead_stays(leads)
    deal_stays, positions = _deal_stays(data)
    seen = set(events) | set(deals)
    months = _months_between(min(seen), max(seen)) if seen else []
    rows = []
    for month in months:
        e, c, d = events.get(month, {}), cohorts.get(month, {}), deals.get(month, {})
        touched = [h for h in hours.get(month, []) if h is not None]
        stays = {s: [days for stage, m, days in lead_stays if stage == s and m == month]
                 for s in ("mql", "sql", "opportunity")}
        won, lost = int(d.get("won", 0)), int(d.get("lost", 0))
        rows.append(MonthFunnel(
            month=month, leads=e.get("leads", 0), mqls=e.get("mqls", 0), sqls=e.get("sqls", 0),
            opportunities=e.get("opportunities", 0), won=e.get("won", 0),
            cohort=c.get(1, 0), cohort_mql=c.get(MQL, 0), cohort_sql=c.get(SQL, 0),
            cohort_opportunity=c.get(OPPORTUNITY, 0), cohort_won=c.get(WON, 0),
            mql_to_sql=_ratio(c.get(SQL, 0), c.get(MQL, 0)),
            sql_to_opportunity=_ratio(c.get(OPPORTUNITY, 0), c.get(SQL, 0)),
            opportunity_to_won=_ratio(c.get(WON, 0), c.get(OPPORTUNITY, 0)),
            responded=len(touched), not_contacted=len(hours.get(month, [])) - len(touched),
            response_median=median(touched), response_p90=p90(touched),
            days_in_mql=median(stays["mql"]), days_in_sql=median(stays["sql"]),
            days_in_opportunity=median(stays["opportunity"]),
            deals_won=won, deals_lost=lost, win_rate=_ratio(won, won + lost),
            won_amount=float(d.get("amount", 0.0)),
        ))
    return FunnelMetrics(tuple(rows), _stage_times(lead_stays, deal_stays, positions),
                         leads=len(leads), deals=len(data.deals))


# ---------------------------------------------------------------- beside a scan


def window(metrics: FunnelMetrics, until: date | None,
           length: int = WINDOW_MONTHS) -> tuple[str, ...]:
    """The months set beside a scan closed on ``until``: that month and the ones before
    it (``length`` in all) that the data covers; the latest months without ``until``."""
    months = [m.month for m in metrics.months]
    if until is not None:
        months = [m for m in months if m <= month_of(until)]
    return tuple(months[-length:])


def window_figures(data: FunnelData, metrics: FunnelMetrics,
                   months: tuple[str, ...]) -> WindowFigures:
    """The figures of ``months`` pooled: rates over the summed cohorts, the response time
    over every MQL of the months (a median of medians would weigh a quiet month like a
    busy one)."""
    rows = [m for m in metrics.months if m.month in months]
    hours = response_hours(data)
    pooled = [h for month in months for h in hours.get(month, [])]
    touched = [h for h in pooled if h is not None]
    won = sum(m.deals_won for m in rows)
    lost = sum(m.deals_lost for m in rows)
    mqls = sum(m.mqls for m in rows)
    return WindowFigures(
        months=months, mqls=mqls,
        mql_to_sql=_ratio(sum(m.cohort_sql for m in rows), sum(m.cohort_mql for m in rows)),
        opportunity_to_won=_ratio(sum(m.cohort_won for m in rows),
                                  sum(m.cohort_opportunity for m in rows)),
        response_median=median(touched), response_p90=p90(touched), responded=len(touched),
        not_contacted=len(pooled) - len(touched), win_rate=_ratio(won, won + lost),
        mqls_per_month=mqls / len(rows) if rows else None,
    )
