"""A demo organisation for ``tandem serve --demo``: a closed scan with synthetic answers
(from ``tandem.io.demo``) and an open scan with invitations and an open link."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from tandem.io.demo import generate_responses
from tandem.web.accounts.models import User
from tandem.web.organisations.models import Organisation
from tandem.web.organisations.services import organisation_create
from tandem.web.responses.models import Response, ResponseStatus
from tandem.web.scans.models import Scan
from tandem.web.scans.services import (
    invitation_bulk_create,
    invitation_parse_list,
    scan_close,
    scan_create,
    scan_enable_open_link,
    scan_open,
)

DEMO_EMAIL = "demo@example.org"
DEMO_ORGANISATION = "Demo BV"
DEMO_RESPONDENTS = 60
DEMO_SEED = 2026


@dataclass(frozen=True, slots=True)
class DemoLogin:
    email: str
    password: str
    organisation: Organisation


@transaction.atomic
def demo_load(*, password: str | None = None) -> DemoLogin:
    """Create the demo user and organisation once; later calls reuse them.

    The demo user gets a fresh random password on every call (it is printed), so a
    demo database never carries a known password.
    """
    password = password or secrets.token_urlsafe(9)
    user = User.objects.filter(email=DEMO_EMAIL).first()
    if user is None:
        user = User.objects.create_user(DEMO_EMAIL, password=password, name="Demo")
    else:
        user.set_password(password)
        user.save(update_fields=["password"])
    existing = Organisation.objects.filter(name=DEMO_ORGANISATION,
                                           memberships__user=user).first()
    if existing is not None:
        return DemoLogin(DEMO_EMAIL, password, existing)
    organisation = organisation_create(
        name=DEMO_ORGANISATION, owner=user, employees="50-249", sales_team=12,
        marketing_team=5, service_team=8, market="b2b", markets=3, growth="moderate",
        marketing_role="leads", key_accounts=True, commercial_lead=False, sla=False,
    )
    _closed_scan(organisation, user)
    _open_scan(organisation, user)
    return DemoLogin(DEMO_EMAIL, password, organisation)


def _closed_scan(organisation: Organisation, user: User) -> Scan:
    today = timezone.localdate()
    scan = scan_create(organisation=organisation, title="Tandem Scan (demo, closed)",
                       instrument_name="tandem-scan-1", should_decide=True,
                       opens_on=today - timedelta(days=30), closes_on=today - timedelta(days=2))
    scan = scan_open(scan=scan, actor=user)
    instrument = scan.instrument
    frame = generate_responses(DEMO_RESPONDENTS, DEMO_SEED, "default", form="full",
                               instrument=instrument, settings=scan.settings)
    item_ids = [c for c in frame.columns if c != "respondent"]
    Response.objects.bulk_create(
        Response(
            scan=scan, instrument_id=instrument.id, instrument_version=instrument.version,
            form=scan.form, language="nl" if i % 3 else "en",
            answers={k: str(row[k]) for k in item_ids if str(row[k]) != ""},
            status=ResponseStatus.SUBMITTED,
            submitted_on=today - timedelta(days=3 + i % 20),
        )
        for i, (_index, row) in enumerate(frame.iterrows())
    )
    return scan_close(scan=scan, actor=user)


def _open_scan(organisation: Organisation, user: User) -> Scan:
    today = timezone.localdate()
    scan = scan_create(organisation=organisation, title="Tandem Scan (demo, open)",
                       instrument_name="tandem-scan-1", form="quick",
                       closes_on=today + timedelta(days=14))
    people = "\n".join(
        f"{dept}{i}@example.org,{dept}" for dept in ("sales", "marketing", "service")
        for i in range(1, 7)
    )
    invitation_bulk_create(scan=scan, entries=invitation_parse_list(scan=scan, text=people))
    scan = scan_open(scan=scan, actor=user)
    return scan_enable_open_link(scan=scan)
