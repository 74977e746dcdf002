"""Writes of the service-level agreement between Sales and Marketing: its commitments,
and what each came to per month (recorded by hand, one figure a month)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.analysis.sla import recorded
from tandem.web.accounts.models import User
from tandem.web.actions.models import SlaActual, SlaCommitment, SlaDirection, SlaKind, SlaOwner
from tandem.web.actions.selectors import sla_core_commitment
from tandem.web.actions.services._common import ActionsRuleError
from tandem.web.organisations.models import Organisation

#: The fields of a commitment that a person sets (the form's, in its order).
SLA_FIELDS = ("kind", "description", "lead_grade", "owner", "target_value", "unit",
              "direction", "within_share", "notes")


@dataclass(frozen=True, slots=True)
class SlaFields:
    kind: str
    description: str
    owner: str
    target_value: Decimal
    unit: str
    lead_grade: str = ""
    notes: str = ""
    direction: str = SlaDirection.AT_LEAST
    within_share: Decimal = Decimal(100)


def _check_sla(fields: SlaFields) -> None:
    problems: list[str] = []
    if fields.kind not in SlaKind.values:
        problems.append(_("Choose the kind of commitment."))
    if fields.owner not in SlaOwner.values:
        problems.append(_("Choose who owns the commitment: Sales, Marketing or both."))
    if not fields.description.strip():
        problems.append(_("Describe the commitment."))
    if not fields.unit.strip():
        problems.append(_("Give the unit, for example 'leads per month' or 'hours'."))
    if fields.target_value < 0:
        problems.append(_("The target value cannot be negative."))
    if fields.direction not in SlaDirection.values:
        problems.append(_("Say whether the month's figure should be at least or at most the "
                          "target."))
    if not Decimal(0) <= fields.within_share <= Decimal(100):
        problems.append(_("The share of leads to follow up in time is a percentage from 0 "
                          "to 100."))
    if problems:
        raise ActionsRuleError(problems)


@transaction.atomic
def sla_commitment_create(*, organisation: Organisation, fields: SlaFields,
                          by: User) -> SlaCommitment:
    _check_sla(fields)
    return SlaCommitment.objects.create(
        organisation=organisation, created_by=by, updated_by_email=by.email,
        kind=fields.kind, description=fields.description.strip(), owner=fields.owner,
        target_value=fields.target_value, unit=fields.unit.strip(),
        lead_grade=fields.lead_grade.strip(), notes=fields.notes.strip(),
        direction=fields.direction, within_share=fields.within_share)


@transaction.atomic
def sla_commitment_update(*, commitment: SlaCommitment, fields: SlaFields,
                          by: User) -> SlaCommitment:
    _check_sla(fields)
    commitment = SlaCommitment.objects.select_for_update().get(pk=commitment.pk)
    for name in SLA_FIELDS:
        value = getattr(fields, name)
        setattr(commitment, name, value.strip() if isinstance(value, str) else value)
    commitment.updated_by_email = by.email
    commitment.save()
    return commitment


@transaction.atomic
def sla_commitment_delete(*, commitment: SlaCommitment) -> None:
    commitment.delete()


def _first_of_month(day: date) -> date:
    return day.replace(day=1)


@transaction.atomic
def sla_actual_record(*, commitment: SlaCommitment, month: date, value: Decimal,
                      note: str = "", by: User) -> SlaActual:
    """Record what ``commitment`` came to in ``month`` (any day of it); a month recorded
    before gets the new figure. A month that has not begun has no figure yet, a
    figure is never negative and a share is at most 100%."""
    month = _first_of_month(month)
    problems: list[str] = []
    if month > _first_of_month(timezone.localdate()):
        problems.append(_("That month has not begun yet: record a month once it is under "
                          "way or over."))
    if value < 0:
        problems.append(_("The figure cannot be negative."))
    if recorded(sla_core_commitment(commitment)).percent and value > 100:
        problems.append(_("The figure is a percentage: at most 100."))
    if problems:
        raise ActionsRuleError(problems)
    actual, _created = SlaActual.objects.update_or_create(
        commitment=commitment, month=month,
        defaults={"value": value, "note": note.strip(), "recorded_by": by,
                  "recorded_by_email": by.email})
    return actual


@transaction.atomic
def sla_actual_delete(*, actual: SlaActual) -> None:
    actual.delete()
