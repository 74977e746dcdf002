"""Signals of the results layer, for the apps built on top of it.

The PDF report ends with the organisation's action plan, which ``tandem.web.actions``
keeps; actions builds on results, so the report asks for the plan with
:data:`action_plan_wanted` instead of importing it. ``tandem.web.actions`` connects
the receiver, which returns the plan's items (the core's ``PlanItem``). In the same way
it asks ``tandem.web.funnel`` for the funnel beside the scan (:data:`funnel_wanted`),
``tandem.web.research`` for the scan among comparable organisations
(:data:`benchmark_wanted`) and ``tandem.web.mirror`` for the customers' view of a closed
customer mirror (:data:`mirror_wanted`).
"""

from __future__ import annotations

from typing import cast

from django.dispatch import Signal

from tandem.analysis.benchmark import Benchmark
from tandem.analysis.mirror import Mirror
from tandem.contract.result import Result
from tandem.report.action_plan import PlanItem
from tandem.report.funnel import FunnelReport
from tandem.web.organisations.models import Organisation
from tandem.web.scans.models import Scan

# Sent with organisation; each receiver returns a list of PlanItem.
action_plan_wanted = Signal()


def action_plan_items(*, organisation: Organisation) -> list[PlanItem]:
    """The organisation's action plan as the report needs it (empty without one)."""
    items: list[PlanItem] = []
    for _receiver, answer in action_plan_wanted.send(sender=Organisation,
                                                     organisation=organisation):
        items.extend(cast("list[PlanItem]", answer))
    return items


# Sent with organisation, scan and result; a receiver returns a FunnelReport or None.
funnel_wanted = Signal()


def funnel_for_report(*, organisation: Organisation, scan: Scan,
                      result: Result) -> FunnelReport | None:
    """The funnel beside the scan for its report; None when the organisation has no CRM
    data (then the report has no funnel section)."""
    for _receiver, answer in funnel_wanted.send(sender=Organisation, organisation=organisation,
                                                scan=scan, result=result):
        if answer is not None:
            return cast("FunnelReport", answer)
    return None


# Sent with scan and result; a receiver returns the core's Mirror or None.
mirror_wanted = Signal()


def mirror_for_report(*, scan: Scan, result: Result) -> Mirror | None:
    """A closed customer mirror's figures beside the scan's journey, for its report; None
    when the scan has none, or it is still open (then nothing of it is shown)."""
    for _receiver, answer in mirror_wanted.send(sender=Scan, scan=scan, result=result):
        if answer is not None:
            return cast("Mirror", answer)
    return None


# Sent with scan and result; a receiver returns the core's Benchmark.
benchmark_wanted = Signal()
# Sent with scan; a receiver says whether any other organisation could be compared.
benchmark_possible = Signal()


def benchmark_offered(*, scan: Scan) -> bool:
    """Whether the Benchmark tab is offered: some other organisation is in the research
    pool (until then the tab would only ever say there is no one to compare with)."""
    return any(answer for _receiver, answer in benchmark_possible.send(sender=Scan, scan=scan))


def benchmark_for(*, scan: Scan, result: Result) -> Benchmark | None:
    """The scan among comparable organisations' scans; None without the research app."""
    for _receiver, answer in benchmark_wanted.send(sender=Scan, scan=scan, result=result):
        if answer is not None:
            return cast("Benchmark", answer)
    return None
