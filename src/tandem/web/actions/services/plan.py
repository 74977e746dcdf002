"""Writes of the plan itself: the owner's target override and the actions.

A target override needs a written reason, never goes below the current phase and goes
at most one phase above it; an action always has an owner.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from tandem.instrument import Instrument, load_instrument
from tandem.target import Target, override
from tandem.web.accounts.models import User
from tandem.web.actions.models import Action, ActionStatus
from tandem.web.actions.services._common import ActionsRuleError
from tandem.web.organisations.models import Organisation
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


def _check_action(fields: Mapping[str, Any], instrument: Instrument) -> None:
    problems: list[str] = []
    if not str(fields.get("title", "")).strip():
        problems.append(_("An action needs a title."))
    if not fields.get("joint_owner") and not str(fields.get("owner_name", "")).strip():
        problems.append(_("Name the person who owns the action, or make Sales and Marketing "
                          "joint owners."))
    if fields.get("status", ActionStatus.PLANNED) not in ActionStatus.values:
        problems.append(_("Unknown status."))
    problems += _check_ids(fields.get("scales", ()), fields.get("criteria", ()), instrument)
    if problems:
        raise ActionsRuleError(problems)


ACTION_FIELDS = ("title", "owner_name", "joint_owner", "due_date", "status", "notes",
                 "scales", "criteria")


@transaction.atomic
def action_create(*, organisation: Organisation, title: str, owner_name: str = "",
                  joint_owner: bool = False, due_date: date | None = None,
                  status: str = ActionStatus.PLANNED, notes: str = "",
                  scales: Iterable[str] = (), criteria: Iterable[str] = (),
                  scan: Scan | None = None, step: str = "", by: User | None = None) -> Action:
    """A new action, usually from a roadmap step of ``scan`` (its baseline)."""
    if scan is not None and scan.organisation_id != organisation.pk:
        raise ActionsRuleError([_("That scan belongs to another organisation.")])
    fields = {"title": title, "owner_name": owner_name, "joint_owner": joint_owner,
              "due_date": due_date, "status": status, "notes": notes,
              "scales": list(scales), "criteria": list(criteria)}
    _check_action(fields, scan.instrument if scan else load_instrument())
    return Action.objects.create(organisation=organisation, scan=scan, step=step,
                                 created_by=by, **fields)


@transaction.atomic
def action_update(*, action: Action, **fields: Any) -> Action:
    unknown = set(fields) - set(ACTION_FIELDS)
    if unknown:
        raise TypeError(f"not an action field: {sorted(unknown)}")
    action = Action.objects.select_for_update().get(pk=action.pk)
    merged = {name: getattr(action, name) for name in ACTION_FIELDS} | fields
    _check_action(merged, action.scan.instrument if action.scan else load_instrument())
    for name, value in fields.items():
        setattr(action, name, list(value) if name in ("scales", "criteria") else value)
    action.save()
    return action


@transaction.atomic
def action_delete(*, action: Action) -> None:
    action.delete()
