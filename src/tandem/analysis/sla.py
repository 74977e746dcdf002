"""Attainment of the sales-marketing agreement, month by month, where the CRM can tell.

The organisation records its agreement as commitments (the web app's SLA page): a
kind, a target value and its unit. Three kinds are measured from the funnel:

- **lead volume** (``lead_volume``): the MQLs of the month against the target. The
  unit says the period: per month unless it names a week (target × days in the month
  / 7), a quarter (/ 3) or a year (/ 12). Met when the MQLs reach the target.
- **follow-up time** (``follow_up``): the median hours from MQL to the first sales
  touch against the target, in hours unless the unit names days (× 24) or minutes
  (/ 60). Met when the median is at most the target; the share of the month's MQLs
  touched within the target is given beside it (an MQL not touched at all is not
  within it).
- **lead quality** (``lead_quality``), when its unit is a percentage: the MQL-to-SQL
  rate of the month's cohort against the target. Met when the rate reaches it.

Feedback and other commitments, and a lead-quality target in another unit, are not
measured: the CRM export does not hold them. A commitment for one lead grade is
measured over all leads (the exports Tandem reads carry no grade) and says so.

Every commitment can also be **recorded** by hand, one figure a month
(:func:`recorded_attainment`), whether or not the CRM can tell:

- a follow-up commitment in a time unit ("within 24 hours") records the share of the
  month's leads followed up within that time, in %, met when it reaches the agreed
  share (``within_share``, 100 = every lead);
- any other commitment records its figure in its own unit (a lead-volume target per
  week, quarter or year becomes the month's target as above), met when it is at least
  the target or, where the commitment says so (``direction``), at most the target.

Each recorded month says whether it is better, worse or the same as the month recorded
before it, in the commitment's own direction.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from tandem.analysis.funnel import FunnelMetrics, median
from tandem.i18n import Text

Measure = Literal["mqls", "response_hours", "mql_to_sql", "recorded", ""]
Direction = Literal["at_least", "at_most"]
Trend = Literal["better", "worse", "same"]

NOT_MEASURED = Text(
    "Niet te meten uit de CRM-gegevens.", "Not measurable from the CRM data."
)
GRADE = Text(
    "Gemeten over alle leads: de export zegt niet welke lead welke klasse heeft.",
    "Measured over all leads: the export does not say which lead has which grade.",
)
NOT_PERCENT = Text(
    "Alleen een percentage (de omzetting van MQL naar SQL) is te meten; de eenheid is "
    "geen percentage.",
    "Only a percentage (the conversion from MQL to SQL) can be measured; the unit is not "
    "a percentage.",
)


@dataclass(frozen=True, slots=True)
class Commitment:
    """One commitment of the agreement, as the web app records it."""

    id: int
    kind: str  # lead_volume / follow_up / lead_quality / feedback / other
    description: str
    target: float
    unit: str
    lead_grade: str = ""
    direction: Direction = "at_least"  # a recorded figure meets the target from above/below
    within_share: float = 100.0  # follow-up in a time unit: the share (%) to follow up


@dataclass(frozen=True, slots=True)
class MonthAttainment:
    month: str
    target: float  # in the measure's own unit for this month
    value: float | None  # MQLs, median hours or MQL-to-SQL rate (0-1); None: no data
    met: bool | None  # None when there is no value
    share_within: float | None = None  # follow-up: MQLs touched within the target
    trend: Trend | None = None  # recorded: against the month recorded before it


@dataclass(frozen=True)
class Attainment:
    commitment: Commitment
    measure: Measure  # "" when not measurable
    months: tuple[MonthAttainment, ...] = ()
    note: Text | None = None

    @property
    def measured(self) -> int:
        return sum(1 for m in self.months if m.met is not None)

    @property
    def met(self) -> int:
        return sum(1 for m in self.months if m.met)

    def month(self, month: str) -> MonthAttainment | None:
        return next((m for m in self.months if m.month == month), None)


def _has(unit: str, *words: str) -> bool:
    text = unit.casefold()
    return any(w in text for w in words)


def monthly_target(target: float, unit: str, month: str) -> float:
    """A lead-volume target for one month, from the period its unit names."""
    if _has(unit, "week", "wk"):
        days = calendar.monthrange(int(month[:4]), int(month[5:]))[1]
        return target * days / 7
    if _has(unit, "quarter", "kwarta"):
        return target / 3
    if _has(unit, "year", "jaar", "annum"):
        return target / 12
    return target


def target_hours(target: float, unit: str) -> float:
    if _has(unit, "min"):
        return target / 60
    if _has(unit, "day", "dag", "werkdag"):
        return target * 24
    return target


def is_percentage(unit: str) -> bool:
    return _has(unit, "%", "percent", "procent")


def is_time(unit: str) -> bool:
    """A unit of time (minutes, hours, days), not a share of something."""
    return not is_percentage(unit) and _has(unit, "min", "hour", "uur", "hr", "day", "dag")


def attainment(commitment: Commitment, metrics: FunnelMetrics,
               hours: dict[str, list[float | None]]) -> Attainment:
    """The commitment's attainment per month of the funnel (``hours``: per MQL month,
    each MQL's hours to the first touch, :func:`tandem.analysis.funnel.response_hours`)."""
    note = GRADE if commitment.lead_grade.strip() else None
    rows: list[MonthAttainment] = []
    if commitment.kind == "lead_volume":
        for m in metrics.months:
            target = monthly_target(commitment.target, commitment.unit, m.month)
            rows.append(MonthAttainment(m.month, target, float(m.mqls), m.mqls >= target))
        return Attainment(commitment, "mqls", tuple(rows), note)
    if commitment.kind == "follow_up":
        target = target_hours(commitment.target, commitment.unit)
        for m in metrics.months:
            month_hours = hours.get(m.month, [])
            touched = [h for h in month_hours if h is not None]
            value = median(touched)
            within = (sum(1 for h in touched if h <= target) / len(month_hours)
                      if month_hours else None)
            rows.append(MonthAttainment(m.month, target, value,
                                        None if value is None else value <= target, within))
        return Attainment(commitment, "response_hours", tuple(rows), note)
    if commitment.kind == "lead_quality":
        if not is_percentage(commitment.unit):
            return Attainment(commitment, "", (), NOT_PERCENT)
        target = commitment.target / 100
        for m in metrics.months:
            value = m.mql_to_sql
            rows.append(MonthAttainment(m.month, target, value,
                                        None if value is None else value >= target))
        return Attainment(commitment, "mql_to_sql", tuple(rows), note)
    return Attainment(commitment, "", (), NOT_MEASURED)


def attainments(commitments: list[Commitment], metrics: FunnelMetrics,
                hours: dict[str, list[float | None]]) -> tuple[Attainment, ...]:
    return tuple(attainment(c, metrics, hours) for c in commitments)


# ---------------------------------------------------------------- recorded by hand


@dataclass(frozen=True, slots=True)
class Recorded:
    """What is recorded each month for a commitment, and what counts as met.

    ``label`` names the figure a person enters; ``agreed`` says the agreement in words;
    ``percent``: the figure is a share in % (0-100); ``direction``: met when the figure
    is at least or at most the target.
    """

    label: Text
    agreed: Text
    percent: bool
    direction: Direction

    def target(self, commitment: Commitment, month: str) -> float:
        """The month's target in the recorded figure's unit."""
        if commitment.kind == "follow_up" and is_time(commitment.unit):
            return commitment.within_share
        if commitment.kind == "lead_volume":
            return monthly_target(commitment.target, commitment.unit, month)
        return commitment.target

    def met(self, value: float, target: float) -> bool:
        return value >= target if self.direction == "at_least" else value <= target


def _figure(value: float) -> str:
    return f"{value:g}"


def recorded(commitment: Commitment) -> Recorded:
    """The figure recorded by hand each month for ``commitment``."""
    unit = commitment.unit.strip()
    agreed = f"{_figure(commitment.target)} {unit}"
    if commitment.kind == "follow_up" and is_time(unit):
        share = _figure(commitment.within_share)
        return Recorded(Text(f"Aandeel leads opgevolgd binnen {agreed} (%)",
                             f"Share of leads followed up within {agreed} (%)"),
                        Text(f"{share}% van de leads binnen {agreed}",
                             f"{share}% of leads within {agreed}"),
                        percent=True, direction="at_least")
    if commitment.kind == "lead_volume":
        label = Text("Leads in de maand", "Leads in the month")
    else:
        label = Text(f"Resultaat van de maand ({unit})", f"The month's figure ({unit})")
    return Recorded(label, Text(agreed, agreed), percent=is_percentage(unit),
                    direction=commitment.direction)


def _trend(value: float, before: float, direction: Direction) -> Trend:
    if value == before:
        return "same"
    return "better" if (value > before) == (direction == "at_least") else "worse"


def recorded_attainment(commitment: Commitment, actuals: Mapping[str, float]) -> Attainment:
    """The commitment's attainment per recorded month (``actuals``: "YYYY-MM" -> the
    figure recorded for that month), oldest month first."""
    measure = recorded(commitment)
    rows: list[MonthAttainment] = []
    before: float | None = None
    for month in sorted(actuals):
        value = float(actuals[month])
        target = measure.target(commitment, month)
        trend = None if before is None else _trend(value, before, measure.direction)
        rows.append(MonthAttainment(month, target, value, measure.met(value, target),
                                    trend=trend))
        before = value
    return Attainment(commitment, "recorded", tuple(rows))
