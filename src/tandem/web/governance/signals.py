"""The audit log hears of every download through ``organisations.signals.data_exported``."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.dispatch import receiver
from django.http import HttpRequest

from tandem.web.accounts.models import User
from tandem.web.governance.models import AuditAction
from tandem.web.governance.services import audit_record, record_export
from tandem.web.organisations.models import Membership
from tandem.web.organisations.signals import data_exported, data_imported


@receiver(data_exported, dispatch_uid="governance_audit_export")
def _audit_export(sender: type[Membership], request: HttpRequest, membership: Membership,
                  what: str, obj: models.Model | None, **kwargs: Any) -> None:
    record_export(request, membership, what, obj)


@receiver(data_imported, dispatch_uid="governance_audit_import")
def _audit_import(sender: object, actor: User, organisation_id: int, obj: models.Model,
                  detail: str, **kwargs: Any) -> None:
    audit_record(action=AuditAction.IMPORT, actor=actor, organisation_id=organisation_id,
                 object_type=obj._meta.model_name or "", object_id=obj.pk, detail=detail)
