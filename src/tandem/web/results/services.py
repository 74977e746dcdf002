"""Writes for the results: dropping cached diagnoses when a scan is reopened."""

from __future__ import annotations

from typing import Any

from tandem.web.results.cache import forget_scan
from tandem.web.scans.models import ScanEvent, ScanEventKind


def result_forget(*, scan_id: int) -> None:
    """Forget every cached figure of a scan: its answers may change from now on."""
    forget_scan(scan_id)


def on_scan_event(sender: type[ScanEvent], instance: ScanEvent, created: bool,
                  **kwargs: Any) -> None:
    """Signal receiver: a reopened scan loses its cached results at once."""
    if created and instance.kind == ScanEventKind.REOPENED:
        result_forget(scan_id=instance.scan_id)
