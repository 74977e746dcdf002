"""A demo organisation for ``tandem serve --demo``: a closed scan with synthetic answers
(from ``tandem.io.demo``) and an open scan with invitations and an open link.

The demo is consistent, so a first-time user sees every part working: the context's
team sizes are the people invited per department (:data:`DEMO_TEAMS`, both scans), the
closed scan's respondents are a part of each team (their invitations are the finished
ones, so the response rates are real), and each respondent's open answers are in the
language they answered in, Dutch or English (enough of them to pass the comment
threshold).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from tandem.instrument import DEFAULT_INSTRUMENT
from tandem.io.demo import generate_responses, respondent_languages
from tandem.web.accounts.models import User
from tandem.web.organisations.models import Organisation
from tandem.web.organisations.services import organisation_create
from tandem.web.responses.models import Response, ResponseStatus
from tandem.web.scans.models import Invitation, Scan
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
#: People per department, invited to both scans; the context's team sizes say the same.
#: The closed scan's 60 respondents: sales 20, marketing 12, service 16, management 5,
#: other 7 (``generate_responses(60, 2026)``), so every team answered in part.
DEMO_TEAMS: dict[str, int] = {
    "sales": 24, "marketing": 14, "service": 18, "management": 6, "other": 8,
}


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
        name=DEMO_ORGANISATION, owner=user, employees="50-249",
        sales_team=DEMO_TEAMS["sales"], marketing_team=DEMO_TEAMS["marketing"],
        service_team=DEMO_TEAMS["service"], market="b2b", markets=3, growth="moderate",
        marketing_role="leads", key_accounts=True, commercial_lead=False, sla=False,
    )
    _closed_scan(organisation, user)
    _open_scan(organisation, user)
    return DemoLogin(DEMO_EMAIL, password, organisation)


def _closed_scan(organisation: Organisation, user: User) -> Scan:
    today = timezone.localdate()
    scan = scan_create(organisation=organisation, title="Tandem Scan (demo, closed)",
                       instrument_name=DEFAULT_INSTRUMENT, should_decide=True,
                       opens_on=today - timedelta(days=30), closes_on=today - timedelta(days=2))
    _invite_teams(scan)
    scan = scan_open(scan=scan, actor=user)
    instrument = scan.instrument
    frame = generate_responses(DEMO_RESPONDENTS, DEMO_SEED, "default", form="full",
                               instrument=instrument, settings=scan.settings)
    languages = respondent_languages(DEMO_RESPONDENTS, DEMO_SEED, "default")
    item_ids = [c for c in frame.columns if c != "respondent"]
    Response.objects.bulk_create(
        Response(
            scan=scan, instrument_id=instrument.id, instrument_version=instrument.version,
            form=scan.form, language=str(languages[i]),
            answers={k: str(row[k]) for k in item_ids if str(row[k]) != ""},
            status=ResponseStatus.SUBMITTED,
            submitted_on=today - timedelta(days=3 + i % 20),
        )
        for i, (_index, row) in enumerate(frame.iterrows())
    )
    # Everyone was sent a link; each respondent used their own: per team, as many
    # invitations are finished as the team has respondents.
    now = timezone.now()
    invited = Invitation.objects.filter(scan=scan)
    invited.update(sent_at=now - timedelta(days=30))
    for department, n in frame["department"].value_counts().items():
        used = invited.filter(department=department).order_by("email").values_list("pk", flat=True)
        Invitation.objects.filter(pk__in=list(used[: int(n)])).update(
            finished_at=now - timedelta(days=3))
    return scan_close(scan=scan, actor=user)


def _invite_teams(scan: Scan) -> None:
    """Everyone in :data:`DEMO_TEAMS`, with their department."""
    people = "\n".join(
        f"{department}{i:02d}@example.org,{department}"
        for department, size in DEMO_TEAMS.items() for i in range(1, size + 1)
    )
    invitation_bulk_create(scan=scan, entries=invitation_parse_list(scan=scan, text=people))


def _open_scan(organisation: Organisation, user: User) -> Scan:
    today = timezone.localdate()
    scan = scan_create(organisation=organisation, title="Tandem Scan (demo, open)",
                       instrument_name=DEFAULT_INSTRUMENT, form="quick",
                       closes_on=today + timedelta(days=14))
    _invite_teams(scan)
    scan = scan_open(scan=scan, actor=user)
    return scan_enable_open_link(scan=scan)
