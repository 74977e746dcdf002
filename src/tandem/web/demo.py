"""A demo organisation for ``tandem serve --demo``: a closed scan with synthetic answers
(from ``tandem.io.demo``) and an open scan with invitations and an open link.

The demo is consistent, so a first-time user sees every part working: the context's
team sizes are the people invited per department (:data:`DEMO_TEAMS`, both scans), the
closed scan's respondents are a part of each team (their invitations are the finished
ones, so the response rates are real), and each respondent's open answers are in the
language they answered in, Dutch or English (enough of them to pass the comment
threshold).

The closed scan's first two roadmap steps are already actions of the plan (one under
way, one planned, owned by the demo user), so the action plan and the workshop show how
a diagnosis turns into work.

A consultant account serves the demo organisation and two more clients (one whose
closed scan had too few respondents to show a figure), so the portfolio, its
comparison and scan templates have something to show. The consultant is also a
researcher, and the demo organisation and one client consent to research (the third
does not), so the research pool holds two organisations' closed scans.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta

import numpy as np
from django.db import transaction
from django.utils import timezone, translation

from tandem.instrument import DEFAULT_INSTRUMENT
from tandem.instrument.customer import load_questionnaire
from tandem.io.demo import generate_responses, respondent_languages
from tandem.web.accounts.models import User
from tandem.web.actions.models import ActionStatus
from tandem.web.actions.services.plan import action_create
from tandem.web.mirror.services import answer_submit, mirror_close, mirror_create
from tandem.web.organisations.models import Membership, Organisation, Role
from tandem.web.organisations.services import organisation_create
from tandem.web.portfolio.models import ScanTemplate
from tandem.web.portfolio.services import template_create
from tandem.web.research.models import consent_text
from tandem.web.research.selectors.consent import consent_current
from tandem.web.research.services import consent_grant, research_access
from tandem.web.responses.models import Response, ResponseStatus
from tandem.web.results.selectors import shown_result
from tandem.web.results.testing import responses_add
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
DEMO_CONSULTANT_EMAIL = "consultant@example.org"
#: The consultant's other clients: (name, demo profile, people invited, respondents of
#: the closed scan). The last has fewer respondents than k: its portfolio row says why it
#: shows no phase and no response rate.
DEMO_CLIENTS = (("Noordhaven Logistiek BV", "integrated", 52, 40), ("Atelier Klein", "small", 9, 3))
#: The demo's customer mirror: per stage, how many customers answered and how well the
#: stage went for them on average (1-5, agreeing with what should happen). Service and
#: delivery break for customers; renewal has too few answers to show.
DEMO_MIRROR: dict[str, tuple[int, float]] = {
    "orientation": (14, 3.9), "choice": (11, 3.7), "purchase": (9, 3.8),
    "onboarding": (12, 2.5), "service": (18, 2.7), "loyalty": (3, 3.5),
}
#: The organisations that consent to research: the demo organisation and the first client.
DEMO_CONSENTING = 2
#: Roadmap steps of the closed scan that the demo's action plan already holds.
DEMO_ACTIONS = 2
DEMO_TEMPLATE = "Tandem Scan, full, Dutch and English"


@dataclass(frozen=True, slots=True)
class DemoLogin:
    email: str
    password: str
    organisation: Organisation
    consultant_email: str = DEMO_CONSULTANT_EMAIL
    consultant_password: str = ""


@transaction.atomic
def demo_load(*, password: str | None = None) -> DemoLogin:
    """Create the demo user and organisation (and the consultant, :func:`_consultant`)
    once; later calls reuse them.

    The demo user and the consultant get a fresh random password on every call (it is
    printed), so a demo database never carries a known password; ``password`` (tests)
    gives both the same one.
    """
    given = password
    password = given or secrets.token_urlsafe(9)
    user = _user(DEMO_EMAIL, password, "Demo")
    organisation = Organisation.objects.filter(name=DEMO_ORGANISATION,
                                               memberships__user=user).first()
    if organisation is None:
        organisation = organisation_create(
            name=DEMO_ORGANISATION, owner=user, employees="50-249", sector="business_services",
            sales_team=DEMO_TEAMS["sales"], marketing_team=DEMO_TEAMS["marketing"],
            service_team=DEMO_TEAMS["service"], market="b2b", markets=3, growth="moderate",
            marketing_role="leads", key_accounts=True, commercial_lead=False, sla=False,
        )
        closed = _closed_scan(organisation, user)
        _customer_mirror(closed, DEMO_MIRROR)
        _action_plan(closed, user)
        _open_scan(organisation, user)
    consultant_password = given or secrets.token_urlsafe(9)
    _consultant(user, organisation, consultant_password)
    return DemoLogin(DEMO_EMAIL, password, organisation,
                     consultant_password=consultant_password)


def _user(email: str, password: str, name: str) -> User:
    """The demo account, with a fresh password."""
    user = User.objects.filter(email=email).first()
    if user is None:
        return User.objects.create_user(email, password=password, name=name)
    user.set_password(password)
    user.save(update_fields=["password"])
    return user


def _consultant(owner: User, organisation: Organisation, password: str) -> User:
    """The consultant serving the demo organisation and :data:`DEMO_CLIENTS` (made once;
    owned by the demo user), with one scan template; also a researcher, with
    :data:`DEMO_CONSENTING` of the organisations in the research pool."""
    consultant = _user(DEMO_CONSULTANT_EMAIL, password, "Consultant")
    served = [organisation]
    for name, profile, invited, n in DEMO_CLIENTS:
        client = Organisation.objects.filter(name=name, memberships__user=owner).first()
        if client is None:
            client = organisation_create(name=name, owner=owner, employees="10-49",
                                         market="b2b", markets=1, growth="stable")
            _client_scan(client, owner, profile, invited, n)
        served.append(client)
    for client in served:
        Membership.objects.get_or_create(organisation=client, user=consultant,
                                         defaults={"role": Role.CONSULTANT})
    for client in served[:DEMO_CONSENTING]:
        if consent_current(organisation=client) is None:
            with translation.override("nl"):  # the text as a Dutch owner agreed to it
                consent_grant(organisation=client, user=owner, text=consent_text(),
                              language="nl")
    research_access(user=consultant)
    if not ScanTemplate.objects.filter(owner=consultant).exists():
        template_create(owner=consultant, name=DEMO_TEMPLATE, title="Tandem Scan",
                        instrument_name=DEFAULT_INSTRUMENT, form="full",
                        languages=["nl", "en"], default_language="nl", k=5, should_decide=True,
                        segment=False, meta_perception=True, days_open=21)
    return consultant


def _client_scan(organisation: Organisation, user: User, profile: str, invited: int,
                 n: int) -> Scan:
    """A closed scan of ``n`` synthetic respondents of the demo ``profile``, each with one
    of the ``invited`` people's invitations."""
    today = timezone.localdate()
    scan = scan_create(organisation=organisation, title="Tandem Scan (demo)",
                       instrument_name="tandem-scan-1", opens_on=today - timedelta(days=40),
                       closes_on=today - timedelta(days=10))
    now = timezone.now()
    Invitation.objects.bulk_create(
        Invitation(scan=scan, email=f"person{i:02d}@{organisation.slug}.example.org",
                   department=tuple(DEMO_TEAMS)[i % len(DEMO_TEAMS)],
                   sent_at=now - timedelta(days=40),
                   finished_at=now - timedelta(days=12) if i < n else None)
        for i in range(invited))
    scan = scan_open(scan=scan, actor=user)
    frame = generate_responses(n, DEMO_SEED, profile, form="full", instrument=scan.instrument,
                               settings=scan.settings)
    responses_add(scan=scan, frame=frame)
    return scan_close(scan=scan, actor=user)


def _closed_scan(organisation: Organisation, user: User) -> Scan:
    today = timezone.localdate()
    scan = scan_create(organisation=organisation, title="Tandem Scan (demo, closed)",
                       instrument_name=DEFAULT_INSTRUMENT, should_decide=True,
                       meta_perception=True,
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


def _action_plan(scan: Scan, user: User) -> None:
    """The first :data:`DEMO_ACTIONS` ranked roadmap steps of ``scan`` as actions, as the
    roadmap's "Make it an action" makes them (title, scales and criteria of the step)."""
    today = timezone.localdate()
    steps = [s for s in shown_result(scan=scan).roadmap if s.rank is not None]
    for i, step in enumerate(sorted(steps, key=lambda s: s.rank or 0)[:DEMO_ACTIONS]):
        action_create(organisation=scan.organisation, scan=scan, step=step.step,
                      title=step.title(scan.default_language), owner=user,
                      due_date=today + timedelta(days=60 * (i + 1)),
                      status=ActionStatus.IN_PROGRESS if i == 0 else ActionStatus.PLANNED,
                      scales=step.addresses, criteria=step.criteria, by=user)


def _customer_mirror(scan: Scan, stages: Mapping[str, tuple[int, float]]) -> None:
    """A closed customer mirror of ``scan``, answered through its service like a customer:
    per stage, ``n`` customers around the stage's mean, with a few "don't know"."""
    mirror = mirror_create(scan=scan)
    rng = np.random.default_rng(DEMO_SEED)
    questionnaire = load_questionnaire(mirror.questionnaire)
    for stage, (n, mean) in stages.items():
        statements = questionnaire.statements_for(stage)
        for _customer in range(n):
            values: dict[str, int | None] = {}
            for statement in statements:
                agree = int(np.clip(np.rint(rng.normal(mean, 0.9)), 1, 5))
                value = agree if statement.keying == "+" else 6 - agree
                values[statement.id] = None if rng.random() < 0.08 else value
            if any(v is not None for v in values.values()):
                answer_submit(mirror=mirror, stage=stage, values=values)
    mirror_close(mirror=mirror)


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
