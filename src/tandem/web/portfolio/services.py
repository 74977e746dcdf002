"""Writes of the portfolio: a consultant's scan templates (atomic, keyword-only; the
views decide who may call them)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from tandem.web.accounts.models import User
from tandem.web.portfolio.models import SCAN_FIELDS, ScanTemplate

FIELDS = frozenset({"name", "days_open", *SCAN_FIELDS})


def _set(template: ScanTemplate, fields: dict[str, Any]) -> ScanTemplate:
    unknown = set(fields) - FIELDS
    if unknown:
        raise TypeError(f"not a template field: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(template, name, list(value) if name == "languages" else value)
    template.full_clean()
    template.save()
    return template


@transaction.atomic
def template_create(*, owner: User, **fields: Any) -> ScanTemplate:
    return _set(ScanTemplate(owner=owner), fields)


@transaction.atomic
def template_update(*, template: ScanTemplate, **fields: Any) -> ScanTemplate:
    return _set(template, fields)


@transaction.atomic
def template_delete(*, template: ScanTemplate) -> None:
    template.delete()
