"""Reads of the funnel: the organisation's CRM records as the core's FunnelData, the
cockpit (metrics, agreement attainment and what people said, per wave), and the
uploaded exports awaiting confirmation."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path, PurePath

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from tandem.analysis.sla import Commitment
from tandem.contract.result import Result
from tandem.io.crm import CrmImport, Deal, FunnelData, Lead, StageChange, read_crm
from tandem.io.safety import RESPONSE_FILE_LIMITS
from tandem.report.funnel import FunnelReport, funnel_report
from tandem.responses import ResponseDataError
from tandem.web.actions.selectors import sla_commitments, sla_core_commitment
from tandem.web.funnel.models import (
    FunnelImport,
    FunnelPendingImport,
    FunnelRecord,
    FunnelSettings,
    FunnelStageChange,
    RecordKind,
)
from tandem.web.organisations.models import Organisation
from tandem.web.results.selectors import shown_result
from tandem.web.scans.models import Scan, ScanEvent, ScanEventKind, ScanStatus


def naive(moment: datetime | None) -> datetime | None:
    """A stored time as the core reads it (naive; see the models' note on time zones)."""
    return None if moment is None else moment.astimezone(UTC).replace(tzinfo=None)


def funnel_salt(*, organisation: Organisation) -> bytes | None:
    salt = (FunnelSettings.objects.filter(organisation=organisation)
            .values_list("salt", flat=True).first())
    return None if salt is None else bytes.fromhex(salt)


def has_funnel_data(*, organisation: Organisation) -> bool:
    return FunnelRecord.objects.filter(organisation=organisation).exists()


def funnel_data(*, organisation: Organisation) -> FunnelData:
    leads: list[Lead] = []
    deals: list[Deal] = []
    for r in FunnelRecord.objects.filter(organisation=organisation).order_by("pk"):
        created = naive(r.created)
        assert created is not None
        if r.kind == RecordKind.LEAD:
            leads.append(Lead(
                source=r.source, key=r.key, created=created,  # type: ignore[arg-type]
                mql=naive(r.mql), sql=naive(r.sql), opportunity=naive(r.opportunity),
                won=naive(r.won), first_touch=naive(r.first_touch), reached=r.reached,
                deal_key=r.deal_key, owner=r.owner))
        else:
            deals.append(Deal(
                source=r.source, key=r.key, created=created,  # type: ignore[arg-type]
                closed=naive(r.closed), outcome=r.outcome or "open",  # type: ignore[arg-type]
                amount=None if r.amount is None else float(r.amount), pipeline=r.pipeline,
                owner=r.owner))
    changes = [
        StageChange(c.source, c.record, c.key, c.stage, naive(c.at))  # type: ignore[arg-type]
        for c in FunnelStageChange.objects.filter(organisation=organisation).order_by("pk")
    ]
    return FunnelData(tuple(leads), tuple(deals), tuple(changes))


def funnel_commitments(*, organisation: Organisation) -> list[Commitment]:
    """The sales-marketing agreement's commitments, as the core measures them."""
    return [sla_core_commitment(c) for c in sla_commitments(organisation=organisation)]


def imports_of(*, organisation: Organisation) -> QuerySet[FunnelImport]:
    return FunnelImport.objects.filter(organisation=organisation)


# ---------------------------------------------------------------- beside the scans


@dataclass(frozen=True)
class Wave:
    scan: Scan
    closed: date | None
    report: FunnelReport  # the funnel of the months up to the scan's closing


@dataclass(frozen=True)
class Cockpit:
    latest: FunnelReport  # beside the latest wave, or the latest months without one
    latest_wave: Wave | None
    waves: tuple[Wave, ...]  # oldest first
    imports: tuple[FunnelImport, ...]


def _closed_on(scan: Scan) -> date | None:
    at = (ScanEvent.objects.filter(scan=scan, kind=ScanEventKind.CLOSED)
          .order_by("-at", "-pk").values_list("at", flat=True).first())
    return timezone.localdate(at) if at is not None else scan.closes_on


def _result(scan: Scan) -> Result | None:
    """The scan's result as its pages show it (None when it cannot be computed)."""
    try:
        return shown_result(scan=scan)
    except ResponseDataError:
        return None


def _closed_scans(organisation: Organisation) -> list[tuple[Scan, date | None]]:
    scans = Scan.objects.filter(organisation=organisation, status=ScanStatus.CLOSED,
                                pulse_of__isnull=True)
    found = [(scan, _closed_on(scan)) for scan in scans.order_by("created_at", "pk")]
    return sorted(found, key=lambda pair: (pair[1] or date.min, pair[0].created_at))


def funnel_cockpit(*, organisation: Organisation) -> Cockpit:
    data = funnel_data(organisation=organisation)
    commitments = funnel_commitments(organisation=organisation)
    waves = tuple(Wave(scan, closed, funnel_report(data, _result(scan), commitments, closed))
                  for scan, closed in _closed_scans(organisation))
    latest = waves[-1] if waves else None
    report = latest.report if latest else funnel_report(data, None, commitments, None)
    return Cockpit(report, latest, waves, tuple(imports_of(organisation=organisation)[:10]))


def funnel_for_scan(*, organisation: Organisation, scan: Scan,
                    result: Result) -> FunnelReport | None:
    """The funnel beside this scan for its PDF report; None without CRM data."""
    if not has_funnel_data(organisation=organisation):
        return None
    return funnel_report(funnel_data(organisation=organisation), result,
                         funnel_commitments(organisation=organisation), _closed_on(scan))


# ---------------------------------------------------------------- uploaded exports


def pending_get(*, organisation: Organisation, import_id: int) -> FunnelPendingImport:
    pending = FunnelPendingImport.objects.filter(organisation=organisation, pk=import_id).first()
    if pending is None:
        raise Http404("no such uploaded file")
    return pending


def pending_inspect(*, pending: FunnelPendingImport) -> CrmImport:
    """Read the uploaded export as the core does (the answer files' safety limits),
    with the organisation's salt."""
    salt = funnel_salt(organisation=pending.organisation)
    if salt is None:  # the upload makes the salt; without it nothing was uploaded
        raise Http404("no such uploaded file")
    suffix = PurePath(pending.name).suffix.lower() or ".csv"
    with tempfile.TemporaryDirectory(prefix="tandem-crm-") as folder:
        path = Path(folder) / f"upload{suffix}"
        path.write_bytes(bytes(pending.data))
        imported = read_crm(path, salt, kind=pending.kind or None, limits=RESPONSE_FILE_LIMITS)
    imported.report.file = pending.name
    return imported
