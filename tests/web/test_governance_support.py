"""Helpers for the data-protection tests (no tests here): a fully populated organisation
and a generic check that nothing that belonged to a deleted object remains.

"Belongs to" is worked out from the models themselves: every row reachable from the
deleted object through foreign keys with ``on_delete=CASCADE``. A model added later is
covered without touching these tests.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from test_actions_support import closed_scan, make_action, set_context
from webtest_helpers import World

from tandem.instrument import load_instrument
from tandem.web.actions import services as actions
from tandem.web.organisations.models import Organisation
from tandem.web.responses import services as responses
from tandem.web.results.cache import PREFIX
from tandem.web.results.selectors import shown_result
from tandem.web.scans.models import Invitation, Scan
from tandem.web.scans.services import (
    invitation_issue_token,
    scan_enable_open_link,
    scan_open,
)

AREAS = tuple(load_instrument().areas)
Owned = dict[type[models.Model], set[Any]]


def full_matrix() -> dict[str, dict[str, str]]:
    return {a: {"sales": "AR", "marketing": "C", "service": "I", "management": "I"}
            for a in AREAS}


@dataclass
class Populated:
    organisation: Organisation
    closed: Scan
    open: Scan


def populate(world: World, organisation: Organisation | None = None,
             n: int = 40) -> Populated:
    """An organisation with a closed scan (answers, invitations, links, cached results),
    an open scan (a personal-link draft and an open-link draft) and an action plan."""
    org = set_context(organisation or world.org)
    user = world.owner if org == world.org else world.outsider
    closed = closed_scan(org, user, n=n, title="Closed wave")
    for i in range(3):
        invitation_issue_token(invitation=Invitation.objects.create(
            scan=closed, email=f"p{i}@example.org", department="sales"))
    shown_result(scan=closed)  # fills the results cache
    opened = scan_open(scan=Scan.objects.create(
        organisation=org, title="Open wave", instrument_name="tandem-scan-1",
        instrument_id="tandem-scan", instrument_version="1.0", languages=["nl", "en"]),
        actor=user)
    invitation = Invitation.objects.create(scan=opened, email="d@example.org")
    invitation_issue_token(invitation=invitation)
    responses.draft_start_for_invitation(invitation=invitation, language="nl")
    responses.draft_start_open(scan=scan_enable_open_link(scan=opened), language="en")
    make_action(org, "Agree MQL", scan=closed, step="shared_definitions")
    actions.decision_rights_agree(organisation=org, matrix=full_matrix(), by=user, scan=closed)
    actions.sla_commitment_create(
        organisation=org, by=user,
        fields=actions.SlaFields(kind="lead_volume", description="MQLs per month",
                                 owner="marketing", target_value=Decimal(40),
                                 unit="leads per month"))
    return Populated(org, closed, opened)


def owned_rows(model: type[models.Model], pks: set[Any]) -> Owned:
    """Every row that a deletion of ``model`` rows ``pks`` must take with it."""
    out: Owned = {model: set(pks)}
    frontier: list[tuple[type[models.Model], set[Any]]] = [(model, set(pks))]
    while frontier:
        parent, ids = frontier.pop()
        for rel in parent._meta.related_objects:
            field = rel.field
            if not field.concrete or field.remote_field.on_delete is not models.CASCADE:
                continue
            child = rel.related_model
            assert isinstance(child, type)
            found = set(child._default_manager.filter(**{f"{field.name}__in": ids})
                        .values_list("pk", flat=True))
            new = found - out.get(child, set())
            if new:
                out.setdefault(child, set()).update(new)
                frontier.append((child, new))
    return out


def assert_nothing_remains(owned: Owned) -> None:
    """No owned row exists any more, and no row of any model points at one."""
    for model, ids in owned.items():
        assert not model._default_manager.filter(pk__in=ids).exists(), model.__name__
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if not (field.concrete and field.is_relation and (field.many_to_one
                                                              or field.one_to_one)):
                continue
            target = field.related_model
            if target in owned:
                pointing = model._default_manager.filter(**{f"{field.name}__in": owned[target]})
                assert not pointing.exists(), f"{model.__name__}.{field.name}"


def cache_keys(scan_ids: list[int]) -> list[str]:
    keys: list[str] = []
    for scan_id in scan_ids:
        registry = f"{PREFIX}:{scan_id}:keys"
        keys += [registry, *(cache.get(registry) or [])]
    return keys


def model_counts() -> dict[str, int]:
    return {m._meta.label: m._default_manager.count() for m in apps.get_models()}


def as_json(value: Any) -> Any:
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder, sort_keys=True))


