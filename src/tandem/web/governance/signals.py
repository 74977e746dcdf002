"""The audit log hears of every download through ``organisations.signals.data_exported``."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.dispatch import receiver
from django.http import HttpRequest

from tandem.web.governance.services import record_export
from tandem.web.organisations.models import Membership
from tandem.web.organisations.signals import data_exported


@receiver(data_exported, dispatch_uid="governance_audit_export")
def _audit_export(sender: type[Membership], request: HttpRequest, membership: Membership,
                  what: str, obj: models.Model | None, **kwargs: Any) -> None:
    record_export(request, membership, what, obj)
