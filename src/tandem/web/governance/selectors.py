"""Reads for the data-protection pages, scoped to one organisation."""

from __future__ import annotations

import json
from typing import Any

from django.db.models import QuerySet

from tandem.web.governance.models import AuditEvent
from tandem.web.organisations.models import Organisation
from tandem.web.results.models import KeptResult
from tandem.web.scans.models import Scan

AUDIT_PAGE = 200


def pulses_of(*, scan: Scan) -> list[str]:
    """The titles of the follow-up pulses deleting ``scan`` takes with it."""
    return list(Scan.objects.filter(pulse_of=scan).order_by("pk").values_list("title",
                                                                            flat=True))


def audit_events_of(*, organisation: Organisation) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(organisation_id=organisation.pk).order_by("-at", "-pk")


def kept_result(*, scan: Scan) -> dict[str, Any] | None:
    """The diagnosis kept when the scan's raw answers were purged (the core's Result as
    JSON), or None while the raw answers are still there."""
    kept = KeptResult.objects.filter(scan=scan).values_list("result", flat=True).first()
    return None if kept is None else dict(json.loads(kept))
