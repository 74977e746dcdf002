"""Helpers for the action-plan tests: closed scans with synthetic answers.

Kept in a module of its own (no tests in it) so the service, view and movement tests
build the same waves. Two waves come from two :class:`OrganisationSpec` that differ
only on the scale an action addresses, so a movement there is the truth to recover.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from django.utils import timezone

from tandem.io.demo import PROFILES, OrganisationSpec, by_department, generate_responses
from tandem.web.accounts.models import User
from tandem.web.organisations.models import Organisation
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
