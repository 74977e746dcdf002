"""Writes of the action plan and its tools: atomic, keyword-only, no permission checks
(the views decide who may call them; the role table is in organisations/permissions.py).

The rules the management team agreed to live by are enforced here, not in forms, so
every way in (a view, the admin, a script, a test) obeys them: a RACI matrix has exactly
one Accountable and at least one Responsible per decision area; a target override needs
a written reason and never goes below the current phase; the glossary changes only
through an approved proposal; an action always has an owner.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from tandem.glossary_seed import load_glossary
from tandem.instrument import Instrument, load_instrument
from tandem.target import Target, override
from tandem.web.accounts.models import User
from tandem.web.actions.models import (
    Action,
    ActionStatus,
    ChangeStatus,
    DecisionRightsVersion,
    GlossaryChange,
    GlossaryTerm,
    Party,
    SlaCommitment,
    SlaKind,
    SlaOwner,
    TermOwner,
)
from tandem.web.organisations.models import Organisation
from tandem.web.results.models import TargetOverride
from tandem.web.scans.models import Scan

#: What a RACI cell may hold; "AR" is accountable and also does the work.
RACI_VALUES: tuple[str, ...] = ("", "R", "A", "AR", "C", "I")
PARTIES: tuple[str, ...] = tuple(Party.values)


class ActionsRuleError(ValueError):
    """A rule of the action plan or its tools was broken; ``problems`` says which."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


# ---------------------------------------------------------------- target


@transaction.atomic
def target_override_set(*, scan: Scan, target: Target, phase: int, reason: str,
                        by: User) -> TargetOverride:
    """Record an owner's own target for a closed scan; older overrides stay as history.

    ``target`` is the scan's computed target: the override is checked against it with
    the core's own rule (``tandem.target.override``: a reason, not below the current
    phase), so the web app cannot accept what the core would refuse.
    """
    try:
        override(target, phase, reason, by.email)
    except ValueError as exc:
        text = str(exc)
        if "reason" in text:
            raise ActionsRuleError([_("Write down why you set another target.")]) from exc
        raise ActionsRuleError([_("The target cannot be below the current phase.")]) from exc
    return TargetOverride.objects.create(scan=scan, phase=phase, reason=reason.strip(), by=by,
                                         by_email=by.email)


# ---------------------------------------------------------------- actions


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


# ---------------------------------------------------------------- decision rights


def _area_label(instrument: Instrument, area: str) -> str:
    text = instrument.areas.get(area)
    if text is None:
        return area
    label = text("en" if (get_language() or "nl").startswith("en") else "nl")
    return label[:1].upper() + label[1:]


def decision_rights_problems(matrix: Mapping[str, Mapping[str, str]],
                             instrument: Instrument | None = None) -> list[str]:
    """Every broken rule of a RACI matrix, each naming its decision area.

    Every area of the instrument is agreed; per area exactly one party is Accountable
    (A or AR) and at least one is Responsible (R or AR). One A means there is always
    exactly one place where the buck stops; at least one R means somebody does the work.
    """
    instrument = instrument or load_instrument()
    problems: list[str] = []
    unknown_areas = sorted(set(matrix) - set(instrument.areas))
    if unknown_areas:
        problems.append(_("Unknown decision area(s): %(areas)s.")
                        % {"areas": ", ".join(unknown_areas)})
    for area in instrument.areas:
        label = _area_label(instrument, area)
        row = matrix.get(area, {})
        bad = sorted({str(p) for p in row if p not in PARTIES}
                     | {str(v) for v in row.values() if v not in RACI_VALUES})
        if bad:
            problems.append(_("%(area)s: unknown party or role %(bad)s.")
                            % {"area": label, "bad": ", ".join(bad)})
            continue
        accountable = sum(1 for v in row.values() if "A" in v)
        responsible = sum(1 for v in row.values() if "R" in v)
        if accountable != 1:
            problems.append(
                _("%(area)s: exactly one party must be Accountable (A), not %(count)d.")
                % {"area": label, "count": accountable})
        if responsible < 1:
            problems.append(_("%(area)s: at least one party must be Responsible (R).")
                            % {"area": label})
    return problems


@transaction.atomic
def decision_rights_agree(*, organisation: Organisation,
                          matrix: Mapping[str, Mapping[str, str]], by: User, note: str = "",
                          scan: Scan | None = None) -> DecisionRightsVersion:
    """Save the agreed matrix as a new version (earlier versions are never changed)."""
    instrument = scan.instrument if scan else load_instrument()
    problems = decision_rights_problems(matrix, instrument)
    if problems:
        raise ActionsRuleError(problems)
    if scan is not None and scan.organisation_id != organisation.pk:
        raise ActionsRuleError([_("That scan belongs to another organisation.")])
    # Lock the organisation row so two simultaneous saves get different numbers.
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
    last = DecisionRightsVersion.objects.filter(organisation=organisation).aggregate(
        n=Max("number"))["n"] or 0
    clean = {area: {p: str(matrix.get(area, {}).get(p, "")) for p in PARTIES}
             for area in instrument.areas}
    return DecisionRightsVersion.objects.create(
        organisation=organisation, number=last + 1, matrix=clean, note=note.strip(),
        scan=scan, by=by, by_email=by.email)


# ---------------------------------------------------------------- glossary


@transaction.atomic
def glossary_seed(*, organisation: Organisation) -> int:
    """Add the starter terms the organisation does not have yet; returns how many."""
    existing = set(GlossaryTerm.objects.filter(organisation=organisation)
                   .values_list("key", flat=True))
    added = 0
    for position, seed in enumerate(load_glossary(), 1):
        if seed.key in existing:
            continue
        term = GlossaryTerm.objects.create(
            organisation=organisation, key=seed.key, position=position * 10,
            stage=seed.stage, owner=seed.owner,
            term_nl=seed.term.nl, term_en=seed.term.en,
            definition_nl=seed.definition.nl, definition_en=seed.definition.en,
            entry_nl=seed.entry.nl, entry_en=seed.entry.en,
            exit_nl=seed.exit.nl, exit_en=seed.exit.en,
        )
        GlossaryChange.objects.create(
            organisation=organisation, term=term, proposed=_content(term),
            status=ChangeStatus.SEEDED, proposed_by_email="",
        )
        added += 1
    return added


def _content(term: GlossaryTerm) -> dict[str, Any]:
    return {name: getattr(term, name) for name in GlossaryTerm.CONTENT_FIELDS}


def _check_term_fields(fields: Mapping[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - set(GlossaryTerm.CONTENT_FIELDS)
    if unknown:
        raise TypeError(f"not a glossary field: {sorted(unknown)}")
    clean: dict[str, Any] = {k: (v.strip() if isinstance(v, str) else v)
                             for k, v in fields.items()}
    problems: list[str] = []
    for name in ("term_nl", "term_en", "definition_nl", "definition_en"):
        if name in clean and not clean[name]:
            problems.append(_("The term and its definition are needed in Dutch and English."))
            break
    if "owner" in clean and clean["owner"] not in TermOwner.values:
        problems.append(_("Choose who owns the term."))
    if clean.get("stage") and not all(clean.get(n) for n in
                                      ("entry_nl", "entry_en", "exit_nl", "exit_en")):
        problems.append(_("A funnel stage needs entry and exit criteria in Dutch and "
                          "English."))
    if problems:
        raise ActionsRuleError(problems)
    return clean


@transaction.atomic
def glossary_change_propose(*, organisation: Organisation, term: GlossaryTerm | None,
                            fields: Mapping[str, Any], reason: str = "",
                            by: User) -> GlossaryChange:
    """Any member (Sales or Marketing alike) proposes a wording; nothing changes yet.

    ``term=None`` proposes a new term (all content fields are then required).
    """
    if term is not None and term.organisation_id != organisation.pk:
        raise ActionsRuleError([_("That term belongs to another organisation.")])
    if term is None:
        missing = [n for n in ("term_nl", "term_en", "definition_nl", "definition_en", "owner")
                   if not fields.get(n)]
        if missing:
            raise ActionsRuleError([_("The term and its definition are needed in Dutch and "
                                      "English.")])
        proposed = _check_term_fields({"stage": False, "entry_nl": "", "entry_en": "",
                                       "exit_nl": "", "exit_en": ""} | dict(fields))
    else:
        proposed = _check_term_fields(_content(term) | dict(fields))
        if proposed == _content(term):
            raise ActionsRuleError([_("The proposal changes nothing.")])
    return GlossaryChange.objects.create(
        organisation=organisation, term=term, proposed=proposed, reason=reason.strip(),
        proposed_by=by, proposed_by_email=by.email)


def _decide(change: GlossaryChange) -> GlossaryChange:
    change = GlossaryChange.objects.select_for_update().get(pk=change.pk)
    if change.status != ChangeStatus.PROPOSED:
        raise ActionsRuleError([_("This proposal has already been decided.")])
    return change


def _new_key(organisation: Organisation, term_en: str) -> str:
    base = slugify(term_en).replace("-", "_")[:50] or "term"
    if not base[0].isalpha():
        base = f"t_{base}"
    key, n = base, 1
    while GlossaryTerm.objects.filter(organisation=organisation, key=key).exists():
        n += 1
        key = f"{base}_{n}"
    return key


@transaction.atomic
def glossary_change_approve(*, change: GlossaryChange, by: User,
                            note: str = "") -> GlossaryTerm:
    """An owner approves: the term takes the proposed wording and its version goes up."""
    change = _decide(change)
    fields = _check_term_fields(change.proposed)
    if change.term is None:
        position = (GlossaryTerm.objects.filter(organisation=change.organisation)
                    .aggregate(p=Max("position"))["p"] or 0) + 10
        term = GlossaryTerm.objects.create(
            organisation=change.organisation, position=position,
            key=_new_key(change.organisation, fields.get("term_en", "")), **fields)
        change.term = term
    else:
        term = GlossaryTerm.objects.select_for_update().get(pk=change.term.pk)
        change.previous = _content(term)
        for name, value in fields.items():
            setattr(term, name, value)
        term.version += 1
        term.updated_at = timezone.now()
        term.save()
    change.status = ChangeStatus.APPROVED
    change.decided_by, change.decided_by_email = by, by.email
    change.decided_at = timezone.now()
    change.decision_note = note.strip()
    change.save()
    return term


@transaction.atomic
def glossary_change_reject(*, change: GlossaryChange, by: User, note: str = "") -> GlossaryChange:
    """An owner rejects; the proposal stays in the history with the reason."""
    change = _decide(change)
    change.status = ChangeStatus.REJECTED
    change.decided_by, change.decided_by_email = by, by.email
    change.decided_at = timezone.now()
    change.decision_note = note.strip()
    change.save()
    return change


# ---------------------------------------------------------------- SLA


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
