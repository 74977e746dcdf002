"""Writes of the plan itself: the owner's target override and the actions.

A target override needs a written reason, never goes below the current phase and goes
at most one phase above it. An action always has an owner: a member of the organisation
(or someone invited by e-mail, who becomes one), or Sales and Marketing jointly; it has a
due date that is not in the past when set, and at least one scale it should move.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.instrument import Instrument, load_instrument
from tandem.target import Target, override
from tandem.web.accounts.models import User
from tandem.web.actions.models import Action, ActionStatus
from tandem.web.actions.services._common import ActionsRuleError
from tandem.web.organisations.models import Membership, Organisation, Role
from tandem.web.organisations.selectors import member_with_email
from tandem.web.organisations.services import membership_add
from tandem.web.results.models import TargetOverride
from tandem.web.scans.models import Scan


@transaction.atomic
def target_override_set(*, scan: Scan, target: Target, phase: int, reason: str,
                        by: User) -> TargetOverride:
    """Record an owner's own target for a closed scan; older overrides stay as history.

    ``target`` is the scan's computed target: the override is checked against it with
    the core's own rule (``tandem.target.override``: a reason, not below the current
    phase, at most one phase above it), so the web app cannot accept what the core
    would refuse. A refusal records nothing.
    """
    try:
        override(target, phase, reason, by.email)
    except ValueError as exc:
        if not reason.strip():
            raise ActionsRuleError([_("Write down why you set another target.")]) from exc
        if phase < target.current:
            raise ActionsRuleError([_("The target cannot be below the current phase.")]) from exc
        raise ActionsRuleError([_("The target can be at most one phase above the current "
                                  "phase: the steps go one phase at a time.")]) from exc
    return TargetOverride.objects.create(scan=scan, phase=phase, reason=reason.strip(), by=by,
                                         by_email=by.email)


def _check_ids(scales: Iterable[str], criteria: Iterable[str],
               instrument: Instrument) -> list[str]:
    problems: list[str] = []
    scale_ids = {s.id for s in instrument.scales}
    item_ids = {i.id for i in instrument.items}
    for scale in scales:
        if scale not in scale_ids:
            problems.append(_("Unknown scale: %(id)s.") % {"id": scale})
    for item in criteria:
        if item not in item_ids:
            problems.append(_("Unknown criterion: %(id)s.") % {"id": item})
    return problems


def _is_member(organisation: Organisation, user: User) -> bool:
    return Membership.objects.filter(organisation=organisation, user=user).exists()


def _invite(organisation: Organisation, email: str, by: User | None) -> User:
    """The member with this e-mail address, or a new viewer invited by ``by`` (an account
    and a mail to choose a password: the organisations app's own invitation)."""
    member = member_with_email(organisation=organisation, email=email)
    if member is not None:
        return member
    if by is None:
        raise ActionsRuleError([_("Only a person can invite someone new.")])
    membership, _created = membership_add(organisation=organisation, email=email,
                                          role=Role.VIEWER, invited_by=by)
    return membership.user


def _check_action(fields: Mapping[str, Any], instrument: Instrument, *,
                  before: Mapping[str, Any] | None = None, organisation: Organisation,
                  invite: str = "") -> None:
    """The rules of an action; ``before``: its fields as stored (an edit), else None.

    A new owner is a member of the organisation (an owner who has since left may stay)
    or the valid address of someone to invite; a due date is set and, when new or
    moved, not in the past; at least one scale.
    """
    problems: list[str] = []
    if not str(fields.get("title", "")).strip():
        problems.append(_("An action needs a title."))
    owner = fields.get("owner")
    if invite:
        try:
            validate_email(invite)
        except ValidationError:
            problems.append(_("%(address)s is not a valid e-mail address.")
                            % {"address": invite})
    elif not fields.get("joint_owner") and owner is None and not fields.get("owner_name"):
        problems.append(_("Choose the person who owns the action, or make Sales and Marketing "
                          "joint owners."))
    if (owner is not None and (before is None or owner != before.get("owner"))
            and not _is_member(organisation, owner)):
        problems.append(_("The owner must be a member of the organisation; invite them by "
                          "e-mail first."))
    if fields.get("status", ActionStatus.PLANNED) not in ActionStatus.values:
        problems.append(_("Unknown status."))
    due = fields.get("due_date")
    if due is None:
        problems.append(_("Give the action a due date."))
    elif due < timezone.localdate() and (before is None or due != before.get("due_date")):
        problems.append(_("The due date is in the past: choose today or a later day."))
    if not fields.get("scales"):
        problems.append(_("Choose at least one scale the action should move, so the next "
                          "scan can show whether it moved."))
    problems += _check_ids(fields.get("scales", ()), fields.get("criteria", ()), instrument)
    if problems:
        raise ActionsRuleError(problems)


#: What an edit may change. ``owner`` is a member (or None); the name shown is kept
#: beside it by the service, never set on its own.
ACTION_FIELDS = ("title", "owner", "joint_owner", "due_date", "status", "notes", "scales",
                 "criteria")


def _owner_fields(owner: User | None) -> dict[str, Any]:
    return {"owner": owner, "owner_name": owner.get_full_name() if owner else ""}


@transaction.atomic
def action_create(*, organisation: Organisation, title: str, owner: User | None = None,
                  invite: str = "", joint_owner: bool = False, due_date: date | None = None,
                  status: str = ActionStatus.PLANNED, notes: str = "",
                  scales: Iterable[str] = (), criteria: Iterable[str] = (),
                  scan: Scan | None = None, step: str = "", by: User | None = None) -> Action:
    """A new action, usually from a roadmap step of ``scan`` (its baseline).

    The owner is ``owner`` (a member), or the person at ``invite``: a member with that
    address, else invited as a viewer of the organisation by ``by``.
    """
    if scan is not None and scan.organisation_id != organisation.pk:
        raise ActionsRuleError([_("That scan belongs to another organisation.")])
    fields: dict[str, Any] = {"title": title, "joint_owner": joint_owner, "due_date": due_date,
                              "status": status, "notes": notes, "scales": list(scales),
                              "criteria": list(criteria), "owner": owner}
    instrument = scan.instrument if scan else load_instrument()
    _check_action(fields, instrument, organisation=organisation, invite=invite)
    if invite:
        owner = _invite(organisation, invite, by)
    return Action.objects.create(organisation=organisation, scan=scan, step=step,
                                 created_by=by, **fields | _owner_fields(owner))


@transaction.atomic
def action_update(*, action: Action, invite: str = "", by: User | None = None,
                  **fields: Any) -> Action:
    """Change an action; ``owner=None`` with ``joint_owner`` leaves Sales and Marketing
    as its only owners, ``invite`` makes the person at that address its owner."""
    unknown = set(fields) - set(ACTION_FIELDS)
    if unknown:
        raise TypeError(f"not an action field: {sorted(unknown)}")
    action = Action.objects.select_for_update().select_related("organisation").get(pk=action.pk)
    before = {name: getattr(action, name) for name in ACTION_FIELDS}
    before["owner_name"] = action.owner_name
    merged = before | fields
    if "owner" in fields:
        merged["owner_name"] = ""
    _check_action(merged, action.scan.instrument if action.scan else load_instrument(),
                  before=before, organisation=action.organisation, invite=invite)
    if invite:
        fields["owner"] = _invite(action.organisation, invite, by)
    if "owner" in fields and fields["owner"] != before["owner"]:
        fields |= _owner_fields(fields["owner"])
    for name, value in fields.items():
        setattr(action, name, list(value) if name in ("scales", "criteria") else value)
    action.save()
    return action


@transaction.atomic
def action_delete(*, action: Action) -> None:
    action.delete()
