"""Data protection writes: the audit log, deleting data, and purging expired answers.

Every function that changes data runs in one transaction and writes its own audit event
in it, so a deletion is either complete and recorded or did not happen at all.
"""

from __future__ import annotations

import calendar
import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import models, transaction
from django.http import HttpRequest
from django.utils import timezone

from tandem.web.accounts.models import User
from tandem.web.funnel.models import FunnelPendingImport
from tandem.web.governance.models import AuditAction, AuditEvent
from tandem.web.organisations.models import Membership, Organisation
from tandem.web.responses.models import Draft, PendingImport, Response, ResponseStatus
from tandem.web.results.cache import forget_scan
from tandem.web.results.models import KeptResult
from tandem.web.results.selectors import scan_result
from tandem.web.scans.models import Invitation, Scan, ScanEvent, ScanEventKind, ScanStatus

logger = logging.getLogger(__name__)


# ---------------------------------------------------------------- audit log


def audit_record(*, action: AuditAction, actor: User | None, organisation_id: int | None,
                 object_type: str = "", object_id: object = "", detail: str = "") -> AuditEvent:
    """Write one audit event; ``actor`` None means the command line or a task."""
    return AuditEvent.objects.create(
        action=action, actor=actor, actor_email=actor.email if actor is not None else "",
        organisation_id=organisation_id, object_type=object_type[:40],
        object_id=str(object_id)[:64], detail=detail[:200],
    )


def record_export(request: HttpRequest, membership: Membership, what: str,
                  obj: models.Model | None = None) -> AuditEvent:
    """One line in a download view: who downloaded ``what`` (of ``obj``) in this organisation."""
    user = request.user if isinstance(request.user, User) else None
    target = obj if obj is not None else membership.organisation
    return audit_record(action=AuditAction.EXPORT, actor=user,
                        organisation_id=membership.organisation_id,
                        object_type=target._meta.model_name or "", object_id=target.pk,
                        detail=what)


# ---------------------------------------------------------------- deletion


def _forget_results(organisation_id: int) -> None:
    """Drop every cached diagnosis of the organisation (comparisons mix its scans)."""
    for scan_id in Scan.objects.filter(organisation_id=organisation_id).values_list("pk",
                                                                                   flat=True):
        forget_scan(scan_id)


@transaction.atomic
def scan_delete(*, scan: Scan, actor: User | None) -> AuditEvent:
    """Delete a scan with its responses, drafts, invitations, links, events and results,
    and its follow-up pulses with theirs: each pulse gets its own line in the audit log
    (the cascade would otherwise delete answers the log never names)."""
    for pulse in Scan.objects.filter(pulse_of=scan).only("pk", "title"):
        audit_record(action=AuditAction.DELETE, actor=actor,
                     organisation_id=scan.organisation_id, object_type="scan",
                     object_id=pulse.pk, detail=f"{pulse.title} (pulse of {scan.pk})")
    event = audit_record(action=AuditAction.DELETE, actor=actor,
                         organisation_id=scan.organisation_id, object_type="scan",
                         object_id=scan.pk, detail=scan.title)
    _forget_results(scan.organisation_id)
    Scan.objects.filter(pk=scan.pk).delete()  # the foreign keys cascade
    return event


@transaction.atomic
def organisation_delete(*, organisation: Organisation, actor: User | None) -> AuditEvent:
    """Delete an organisation with its memberships, scans and everything under them, and
    its action plan, decision rights, glossary and agreements. User accounts stay."""
    event = audit_record(action=AuditAction.DELETE, actor=actor,
                         organisation_id=organisation.pk, object_type="organisation",
                         object_id=organisation.pk, detail=organisation.name)
    _forget_results(organisation.pk)
    Organisation.objects.filter(pk=organisation.pk).delete()
    return event


@transaction.atomic
def retention_set(*, organisation: Organisation, months: int, actor: User | None) -> None:
    # From the database: a bound ModelForm has already set the new value on the instance.
    old = Organisation.objects.values_list("retention_months", flat=True).get(pk=organisation.pk)
    organisation.retention_months = months
    organisation.save(update_fields=["retention_months"])
    audit_record(action=AuditAction.RETENTION, actor=actor, organisation_id=organisation.pk,
                 object_type="organisation", object_id=organisation.pk,
                 detail=f"{old} -> {months}")


# ---------------------------------------------------------------- retention


def months_before(moment: datetime, months: int) -> datetime:
    """``moment`` minus whole calendar months (the 31st becomes the month's last day)."""
    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def closed_at(scan: Scan) -> datetime | None:
    """When the scan was (last) closed, from its status events."""
    return (
        ScanEvent.objects.filter(scan=scan, kind=ScanEventKind.CLOSED)
        .order_by("-at", "-pk").values_list("at", flat=True).first()
    )


def has_raw_data(scan: Scan) -> bool:
    return (Response.objects.filter(scan=scan).exists()
            or Draft.objects.filter(scan=scan).exists()
            or Invitation.objects.filter(scan=scan).exists())


def expired_scans(*, now: datetime | None = None) -> list[Scan]:
    """Closed scans, closed longer ago than their organisation's retention period, that
    still hold raw data."""
    now = now or timezone.now()
    found: list[Scan] = []
    closed = Scan.objects.filter(status=ScanStatus.CLOSED).select_related("organisation")
    for scan in closed.order_by("pk"):
        at = closed_at(scan)
        if at is None or at >= months_before(now, scan.organisation.retention_months):
            continue
        if has_raw_data(scan):
            found.append(scan)
    return found


@transaction.atomic
def scan_purge(*, scan: Scan, actor: User | None = None) -> KeptResult:
    """Keep the scan's diagnosis and delete its raw data: responses, drafts, invitations
    (e-mail addresses) and their link hashes.

    The diagnosis is the core's Result as JSON with exact floats, so its pages stay the
    same to the last digit, and without the verbatim open answers, which are raw answers
    too. A scan purged before (it cannot be reopened) keeps the figures it has.
    """
    locked = Scan.objects.select_for_update().get(pk=scan.pk)
    if locked.status != ScanStatus.CLOSED:
        raise ValueError(f"scan {scan.pk} is not closed")
    responses = Response.objects.filter(scan=locked, status=ResponseStatus.SUBMITTED).count()
    kept = KeptResult.objects.filter(scan=locked).first()
    if kept is None:
        result = scan_result(scan=locked).aggregates_only()
        kept, _created = KeptResult.objects.update_or_create(
            scan=locked,
            defaults={"result": result.to_json(indent=None, digits=None),
                      "responses": responses,
                      "invited": Invitation.objects.filter(scan=locked).count(),
                      "purged_at": timezone.now()},
        )
    Response.objects.filter(scan=locked).delete()
    Draft.objects.filter(scan=locked).delete()
    PendingImport.objects.filter(scan=locked).delete()
    Invitation.objects.filter(scan=locked).delete()  # cascades to the link hashes
    _forget_results(locked.organisation_id)
    audit_record(action=AuditAction.PURGE, actor=actor, organisation_id=locked.organisation_id,
                 object_type="scan", object_id=locked.pk,
                 detail=f"{responses} responses")
    return kept


@dataclass
class PurgeReport:
    purged: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)


def purge_expired(*, now: datetime | None = None, dry_run: bool = False) -> PurgeReport:
    """Purge every expired scan, each in its own transaction; a scan whose result cannot
    be computed keeps its data (and is reported) so no figures are lost silently."""
    report = PurgeReport()
    if not dry_run:  # uploaded files never confirmed nor cancelled: a day at most
        moment = now or timezone.now()
        PendingImport.objects.filter(created_at__lt=moment - timedelta(days=1)).delete()
        FunnelPendingImport.objects.filter(created_at__lt=moment - timedelta(days=1)).delete()
    for scan in expired_scans(now=now):
        if dry_run:
            report.purged.append(scan.pk)
            continue
        try:
            scan_purge(scan=scan)
        except Exception:
            logger.exception("could not purge scan %s", scan.pk)
            report.failed.append(scan.pk)
        else:
            report.purged.append(scan.pk)
    return report
