"""Writes of the service-level agreement between Sales and Marketing: its commitments."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from tandem.web.accounts.models import User
from tandem.web.actions.models import SlaCommitment, SlaKind, SlaOwner
from tandem.web.actions.services._common import ActionsRuleError
from tandem.web.organisations.models import Organisation


@dataclass(frozen=True, slots=True)
class SlaFields:
    kind: str
    description: str
    owner: str
    target_value: Decimal
    unit: str
    lead_grade: str = ""
    notes: str = ""


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
        lead_grade=fields.lead_grade.strip(), notes=fields.notes.strip())


@transaction.atomic
def sla_commitment_update(*, commitment: SlaCommitment, fields: SlaFields,
                          by: User) -> SlaCommitment:
    _check_sla(fields)
    commitment = SlaCommitment.objects.select_for_update().get(pk=commitment.pk)
    for name in ("kind", "description", "owner", "target_value", "unit", "lead_grade",
                 "notes"):
        value = getattr(fields, name)
        setattr(commitment, name, value.strip() if isinstance(value, str) else value)
    commitment.updated_by_email = by.email
    commitment.save()
    return commitment


@transaction.atomic
def sla_commitment_delete(*, commitment: SlaCommitment) -> None:
    commitment.delete()
