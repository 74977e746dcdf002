"""Writes of the shared glossary: the starter terms, and a wording that changes only
through a proposal an owner approves (a rejected one stays in the history).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from tandem.glossary_seed import load_glossary
from tandem.web.accounts.models import User
from tandem.web.actions.models import ChangeStatus, GlossaryChange, GlossaryTerm, TermOwner
from tandem.web.actions.services._common import ActionsRuleError
from tandem.web.organisations.models import Organisation


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


def _record_decision(change: GlossaryChange, status: ChangeStatus, *, by: User,
                     note: str) -> None:
    """An owner's decision on a proposal, kept with who, when and why."""
    change.status = status
    change.decided_by, change.decided_by_email = by, by.email
    change.decided_at = timezone.now()
    change.decision_note = note.strip()
    change.save()


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
    _record_decision(change, ChangeStatus.APPROVED, by=by, note=note)
    return term


@transaction.atomic
def glossary_change_reject(*, change: GlossaryChange, by: User, note: str = "") -> GlossaryChange:
    """An owner rejects; the proposal stays in the history with the reason."""
    change = _decide(change)
    _record_decision(change, ChangeStatus.REJECTED, by=by, note=note)
    return change
