"""Importing a CRM export: upload, then confirm (all or nothing) or cancel.

The same steps and guards as an answer file (``tandem.web.responses.services.imports``):
the file passes the command line's safety checks before anything parses it and is kept
server-side until it is confirmed or cancelled; confirming reads it again exactly as it
was inspected and stores its records in one transaction, or nothing when the file has
a problem. Importing records again replaces them: a record (by its pseudonym) and its
stage history are those of the latest file that holds it; records the file does not
hold stay as they were. The import is audited; the file is deleted.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import PurePath

from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from tandem.io.crm import BY_NAME, FunnelData
from tandem.web.accounts.models import User
from tandem.web.funnel.models import (
    FunnelImport,
    FunnelPendingImport,
    FunnelRecord,
    FunnelSettings,
    FunnelStageChange,
    RecordKind,
)
from tandem.web.funnel.selectors import pending_inspect
from tandem.web.organisations.models import Organisation
from tandem.web.organisations.signals import data_imported
from tandem.web.responses.services.imports import ImportRefused, import_file_check

__all__ = ["ImportRefused", "import_cancel", "import_confirm", "import_upload"]

_CHUNK = 500


def _utc(moment: datetime) -> datetime:
    """A time of the core (naive) as stored: marked UTC (see the models' note)."""
    return moment.replace(tzinfo=UTC)


def _aware(moment: datetime | None) -> datetime | None:
    return None if moment is None else _utc(moment)


def _chunks(values: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start:start + _CHUNK]


def funnel_salt_ensure(*, organisation: Organisation) -> bytes:
    """The organisation's salt for pseudonyms, made on its first CRM upload."""
    settings, _created = FunnelSettings.objects.get_or_create(
        organisation=organisation, defaults={"salt": secrets.token_hex(32)})
    return bytes.fromhex(settings.salt)


@transaction.atomic
def import_upload(*, organisation: Organisation, user: User, name: str, data: bytes,
                  kind: str = "") -> FunnelPendingImport:
    """Keep an uploaded CRM export for inspection (one per user at a time)."""
    import_file_check(name=name, data=data)
    if kind and kind not in BY_NAME:
        raise ImportRefused([_("Choose one of the listed kinds of export.")])
    funnel_salt_ensure(organisation=organisation)
    FunnelPendingImport.objects.filter(organisation=organisation, uploaded_by=user).delete()
    return FunnelPendingImport.objects.create(
        organisation=organisation, uploaded_by=user, name=PurePath(name).name[:200], kind=kind,
        data=data, sha256=hashlib.sha256(data).hexdigest())


def import_cancel(*, pending: FunnelPendingImport) -> None:
    pending.delete()


def _delete_records(organisation: Organisation, kind: str, source: str,
                    keys: list[str]) -> None:
    for chunk in _chunks(keys):
        FunnelRecord.objects.filter(organisation=organisation, kind=kind, source=source,
                                    key__in=chunk).delete()


def _delete_changes(organisation: Organisation, record: str, source: str,
                    keys: Iterable[str]) -> None:
    for chunk in _chunks(sorted(set(keys))):
        FunnelStageChange.objects.filter(organisation=organisation, record=record,
                                         source=source, key__in=chunk).delete()


def _store(organisation: Organisation, data: FunnelData) -> int:
    """Replace the records (and stage histories) the file holds; returns how many."""
    if data.leads:
        source = data.leads[0].source
        _delete_records(organisation, RecordKind.LEAD, source, [lead.key for lead in data.leads])
        FunnelRecord.objects.bulk_create([FunnelRecord(
            organisation=organisation, kind=RecordKind.LEAD, source=lead.source, key=lead.key,
            owner=lead.owner, created=_utc(lead.created), mql=_aware(lead.mql),
            sql=_aware(lead.sql), opportunity=_aware(lead.opportunity), won=_aware(lead.won),
            first_touch=_aware(lead.first_touch), reached=lead.reached, deal_key=lead.deal_key,
        ) for lead in data.leads], batch_size=_CHUNK)
    if data.deals:
        source = data.deals[0].source
        _delete_records(organisation, RecordKind.DEAL, source, [d.key for d in data.deals])
        FunnelRecord.objects.bulk_create([FunnelRecord(
            organisation=organisation, kind=RecordKind.DEAL, source=d.source, key=d.key,
            owner=d.owner, created=_utc(d.created), closed=_aware(d.closed),
            outcome=d.outcome, pipeline=d.pipeline,
            amount=None if d.amount is None else Decimal(str(round(d.amount, 2))),
        ) for d in data.deals], batch_size=_CHUNK)
    if data.changes:
        first = data.changes[0]
        keys = {c.key for c in data.changes}
        if data.deals:  # a deals file: the histories of all its deals are replaced
            keys |= {d.key for d in data.deals}
        _delete_changes(organisation, first.record, first.source, keys)
        FunnelStageChange.objects.bulk_create([FunnelStageChange(
            organisation=organisation, record=c.record, source=c.source, key=c.key,
            stage=c.stage[:100], at=_utc(c.at),
        ) for c in data.changes], batch_size=_CHUNK)
    return len(data.leads) + len(data.deals) + (0 if data.leads or data.deals
                                                 else len(data.changes))


@transaction.atomic
def import_confirm(*, pending: FunnelPendingImport, user: User) -> int:
    """Store the export's records, all or nothing; returns how many. The uploaded file
    is deleted and the import audited."""
    locked = FunnelPendingImport.objects.select_for_update().filter(pk=pending.pk).first()
    if locked is None:  # confirmed or cancelled in another request
        raise ImportRefused([_("This file has already been imported or cancelled.")])
    imported = pending_inspect(pending=locked)
    if imported.data is None:
        raise ImportRefused([p.describe(get_language()) for p in imported.report.problems])
    organisation = locked.organisation
    count = _store(organisation, imported.data)
    kind = BY_NAME[imported.report.kind]
    FunnelImport.objects.create(organisation=organisation, kind=kind.name, records=count,
                                imported_on=timezone.localdate())
    locked.delete()
    data_imported.send(sender=FunnelRecord, actor=user, organisation_id=organisation.pk,
                       obj=organisation, detail=f"CRM {kind.name}: {count}")
    return count
