"""Helpers for the action-plan tests: closed scans with synthetic answers, and actions.

Kept in a module of its own (no tests in it) so the service, view and movement tests
build the same waves. Two waves come from two :class:`OrganisationSpec` that differ
only on the scale an action addresses, so a movement there is the truth to recover.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from tandem.io.demo import PROFILES, OrganisationSpec, by_department, generate_responses
from tandem.web.accounts.models import User
from tandem.web.actions.models import Action
from tandem.web.actions.services import action_create
from tandem.web.organisations.models import Membership, Organisation, Role
from tandem.web.responses.models import Response, ResponseStatus
from tandem.web.scans.models import Scan
from tandem.web.scans.services import scan_close, scan_create, scan_open

#: The scale the two waves differ on, and the step whose action addresses it.
MOVED_SCALE = "org_process"
CONTEXT = {"employees": "50-249", "market": "b2b", "markets": 3, "growth": "moderate",
           "marketing_role": "leads", "key_accounts": True}


def improved_spec(scale: str = MOVED_SCALE, level: float = 4.4) -> OrganisationSpec:
    """The default organisation, with ``scale`` much better aligned in every department."""
    base = PROFILES["default"]
    return replace(base, name="improved", tensions={**base.tensions,
                                                    scale: by_department(level)})


def closed_scan(organisation: Organisation, user: User, *, title: str = "Wave",
                spec: OrganisationSpec | str = "default", n: int = 60, seed: int = 7,
                should_decide: bool = False) -> Scan:
    """A scan opened, answered by ``n`` synthetic respondents, and closed
    (``should_decide``: it also asked who should decide)."""
    scan = scan_create(organisation=organisation, title=title, instrument_name="tandem-scan-1",
                       should_decide=should_decide)
    scan = scan_open(scan=scan, actor=user)
    instrument = scan.instrument
    frame = generate_responses(n, seed, spec, form="full", instrument=instrument,
                               settings=scan.settings)
    item_ids = [c for c in frame.columns if c != "respondent"]
    today = timezone.localdate()
    Response.objects.bulk_create(
        Response(scan=scan, instrument_id=instrument.id, instrument_version=instrument.version,
                 form=scan.form, language="nl",
                 answers={k: str(row[k]) for k in item_ids if str(row[k]) != ""},
                 status=ResponseStatus.SUBMITTED, submitted_on=today - timedelta(days=1))
        for _i, row in frame.iterrows()
    )
    return scan_close(scan=scan, actor=user)


def set_context(organisation: Organisation) -> Organisation:
    for key, value in CONTEXT.items():
        setattr(organisation, key, value)
    organisation.save()
    return organisation


#: ``make_action(due=NO_DATE)``: an action stored without a due date (one from before
#: due dates were required).
NO_DATE = date.min


def make_action(organisation: Organisation, title: str = "Agree MQL", *,
                due: date | None = None, **fields: Any) -> Action:
    """An action made through the service as the form makes it: owned by the
    organisation's first owner unless ``owner`` (or ``joint_owner``) says otherwise,
    due in a month, moving Defined unless ``scales`` says otherwise.

    ``due`` is then stored as it is: a date in the past is how an action becomes late
    (the service refuses one on a new action), ``NO_DATE`` leaves it without one.
    """
    if "owner" not in fields and "invite" not in fields and not fields.get("joint_owner"):
        first = (Membership.objects.filter(organisation=organisation, role=Role.OWNER)
                 .order_by("pk").select_related("user").first())
        assert first is not None
        fields["owner"] = first.user
    fields.setdefault("scales", ["DEF"])
    action = action_create(organisation=organisation, title=title,
                           due_date=timezone.localdate() + timedelta(days=30), **fields)
    if due is not None:
        Action.objects.filter(pk=action.pk).update(due_date=None if due == NO_DATE else due)
        action.refresh_from_db()
    return action


def a_member(organisation: Organisation, name: str, email: str,
             role: str = Role.VIEWER) -> User:
    """A member with a name (the owner list shows it), made as the members page does."""
    user = User.objects.create_user(email, password=None)
    user.name = name
    user.save(update_fields=["name"])
    Membership.objects.create(organisation=organisation, user=user, role=role)
    return user
