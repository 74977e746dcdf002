"""Receivers of the funnel app: the PDF report of ``tandem.web.results`` asks here for the
funnel beside its scan (``results.signals.funnel_wanted``)."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from tandem.contract.result import Result
from tandem.report.funnel import FunnelReport
from tandem.web.funnel.selectors import funnel_for_scan
from tandem.web.organisations.models import Organisation
from tandem.web.results.signals import funnel_wanted
from tandem.web.scans.models import Scan


@receiver(funnel_wanted, dispatch_uid="funnel_for_report")
def _funnel_for_report(sender: type[Organisation], organisation: Organisation, scan: Scan,
                       result: Result, **kwargs: Any) -> FunnelReport | None:
    return funnel_for_scan(organisation=organisation, scan=scan, result=result)
