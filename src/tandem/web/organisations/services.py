"""Writes on organisations and memberships (atomic, keyword-only, no permission checks:
the views decide who may call them)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from tandem.web.accounts.models import User, normalise_email
from tandem.web.accounts.services import user_invite
from tandem.web.organisations.models import Membership, Organisation, Role


class LastOwnerError(ValueError):
    """An organisation must keep at least one owner."""


@transaction.atomic
def organisation_create(*, name: str, owner: User, **context: Any) -> Organisation:
    """A new organisation with its creator as owner."""
    organisation = Organisation.objects.create(name=name, **context)
    Membership.objects.create(organisation=organisation, user=owner, role=Role.OWNER)
    return organisation


@transaction.atomic
def organisation_update(*, organisation: Organisation, **fields: Any) -> Organisation:
    allowed = {"name", *Organisation.CONTEXT_FIELDS}
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"not an organisation field: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(organisation, name, value)
    organisation.full_clean()
    organisation.save()
    return organisation


@transaction.atomic
def membership_add(
    *, organisation: Organisation, email: str, role: str, invited_by: User
) -> tuple[Membership, bool]:
    """Give ``email`` a role; a new address gets an account and a set-your-password mail.

    Returns the membership and whether it was new (an existing one keeps its role).
    """
    email = normalise_email(email)
    user = User.objects.filter(email=email).first()
    if user is None:
        user = user_invite(email=email, invited_by=invited_by, organisation_name=organisation.name)
    membership, created = Membership.objects.get_or_create(
        organisation=organisation, user=user, defaults={"role": role}
    )
    return membership, created


@transaction.atomic
def membership_set_role(*, membership: Membership, role: str) -> Membership:
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.role == Role.OWNER and role != Role.OWNER:
        _ensure_other_owner(membership)
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership) -> None:
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.role == Role.OWNER:
        _ensure_other_owner(membership)
    membership.delete()


def _ensure_other_owner(membership: Membership) -> None:
    others = (
        Membership.objects.select_for_update()
        .filter(organisation_id=membership.organisation_id, role=Role.OWNER)
        .exclude(pk=membership.pk)
    )
    if not others.exists():
        raise LastOwnerError("an organisation needs at least one owner")
