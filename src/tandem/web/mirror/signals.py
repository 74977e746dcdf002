"""Receivers of the mirror app: the PDF report of ``tandem.web.results`` asks here for the
customers' view beside its scan (``results.signals.mirror_wanted``)."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from tandem.analysis.mirror import Mirror as MirrorFigures
from tandem.contract.result import Result
from tandem.web.mirror.selectors import mirror_figures, mirror_of
from tandem.web.results.signals import mirror_wanted
from tandem.web.scans.models import Scan


@receiver(mirror_wanted, dispatch_uid="mirror_for_report")
def _mirror_for_report(sender: type[Scan], scan: Scan, result: Result,
                       **kwargs: Any) -> MirrorFigures | None:
    mirror = mirror_of(scan=scan)
    if mirror is None or mirror.is_open:  # an open mirror shows nothing, anywhere
        return None
    return mirror_figures(mirror=mirror, journey=result.journey)
