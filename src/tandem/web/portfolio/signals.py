"""Hears a scan close (``organisations.signals.integration_event``) in an organisation a
consultant serves, and has its diagnosis computed at once: the portfolio shows only
stored results without waiting, so they are stored before anyone asks."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from tandem.web.organisations.models import Organisation
from tandem.web.organisations.signals import integration_event
from tandem.web.portfolio import tasks
from tandem.web.portfolio.selectors import serves

SCAN_CLOSED = "scan.closed"  # the event tandem.web.scans announces


@receiver(integration_event)
def prepare_for_consultants(sender: Any, organisation: Organisation, event: str, key: str,
                            subject: dict[str, Any], **kwargs: Any) -> None:
    if event == SCAN_CLOSED and serves(organisation=organisation):
        tasks.prepare_result.enqueue(scan_id=subject["scan_id"])
