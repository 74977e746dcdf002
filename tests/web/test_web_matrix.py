"""Every URL of the app as every role: one table, the single source of who may do what.

``CASES`` names each URL with the answer every role gets for GET and for POST
(200/302, or 403/404/302-to-login when refused). A data endpoint (CSV, XLSX, PDF,
JSON, ZIP) also says its content type and what its body holds; a POST says which state
it changes. So an allowed role is shown to get the data or make the change, and a
refused role to get neither (no data in the body, the database as it was, nothing in
the audit log). Another organisation's object ids give 404, never 403, so nobody learns
that an object exists. Survey URLs are respondent-facing token links (``SURVEY``); the
admin has its own staff check. A URL without an entry fails
``test_every_url_has_an_entry``.

The world (two organisations, each with a draft, an open and a closed scan with answers,
an action plan, a RACI, a glossary, SLAs and imported CRM data) is built once per module inside one
transaction; each test runs in a savepoint that is rolled back, so what a successful
POST changes is gone before the next test.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.contrib import admin
from django.contrib.auth.tokens import default_token_generator
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.http import HttpResponseBase
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from pytest_django import DjangoDbBlocker
from test_actions_services import full_matrix
from test_actions_support import closed_scan, make_action, set_context
from webtest_helpers import PASSWORD, World, build_world, client_for, make_user

from tandem.web.accounts.models import User
from tandem.web.actions import services as actions
from tandem.web.actions.models import (
    Action,
    DecisionRightsVersion,
    GlossaryChange,
    GlossaryTerm,
    SlaActual,
    SlaCommitment,
)
from tandem.web.actions.selectors import scan_diagnosis
from tandem.web.api.models import ApiToken
from tandem.web.api.services import token_create
from tandem.web.funnel import services as funnel
from tandem.web.funnel.models import FunnelImport, FunnelPendingImport
from tandem.web.governance.models import AuditEvent
from tandem.web.mirror.models import Mirror
from tandem.web.mirror.services import mirror_create
from tandem.web.organisations.models import Membership, Organisation, Role
from tandem.web.portfolio.models import ScanTemplate
from tandem.web.research.models import Consent, Pool
from tandem.web.responses.models import PendingImport, Response
from tandem.web.results.models import TargetOverride
from tandem.web.scans.models import Invitation, InvitationToken, Scan
from tandem.web.scans.services import scan_create, scan_open
from tandem.web.sso.models import SingleSignOn
from tandem.web.webhooks.models import Delivery, Webhook
from tandem.web.webhooks.services import webhook_create

TANDEM_FILE = Path(__file__).parent.parent / "fixtures" / "tandem.csv"
CRM = Path(__file__).parent.parent / "fixtures" / "crm"
CRM_CONTACTS = CRM / "hubspot-crm-exports-all-contacts-2025-07-01.csv"
CRM_DEALS = CRM / "hubspot-crm-exports-all-deals-2025-07-01.xlsx"
#: The consultant serves A (tandem.web.portfolio): a facilitator's rights there, and the
#: portfolio's pages, which are nobody else's.
ROLES = ("owner", "facilitator", "viewer", "anonymous", "outsider", "consultant")
LOGIN = "login"  # a 302 to the login page
Code = int | str
Codes = dict[str, Code]
REFUSED: tuple[Code, ...] = (403, 404, LOGIN)


# ---------------------------------------------------------------- the world


@dataclass(frozen=True)
class Side:
    """One organisation and one object of each kind the URLs take an id of."""

    org: Organisation
    owner: User
    draft: Scan
    opened: Scan
    closed: Scan
    invitation: Invitation  # on the draft scan, not sent
    member: Membership  # a viewer
    action: Action
    version: DecisionRightsVersion
    term: GlossaryTerm
    change: GlossaryChange  # proposed, not decided
    commitment: SlaCommitment
    step: str  # a roadmap step of the closed scan
    token: ApiToken  # the owner's API token
    pending: PendingImport  # an uploaded answer file on the draft scan, not yet imported
    webhook: Webhook  # to a local address that refuses connections
    crm_pending: FunnelPendingImport  # an uploaded CRM export, not yet imported
    actual: SlaActual  # a month recorded for the commitment
    template: ScanTemplate | None = None  # A: the consultant's scan template

    @property
    def markers(self) -> tuple[str, ...]:
        """Strings that only this organisation's data contains."""
        return (self.org.name, self.draft.title, self.opened.title, self.closed.title,
                self.invitation.email, self.action.title, self.commitment.description)


@dataclass(frozen=True)
class Objects:
    world: World
    a: Side  # the roles' organisation (the outsider is not a member)
    b: Side  # the outsider's organisation
    consultant: User  # serves A


def _side(world: World, org: Organisation, owner: User, draft: Scan, tag: str, *,
          n: int, step: str | None, versions: int) -> Side:
    set_context(org)
    invitation = Invitation.objects.create(scan=draft, email=f"invitee-{tag}@example.org")
    opened = scan_open(scan=scan_create(organisation=org, title=f"Open wave {tag}",
                                        instrument_name="tandem-scan-1"), actor=owner)
    Invitation.objects.create(scan=opened, email=f"open-{tag}@example.org")
    closed = closed_scan(org, owner, title=f"Closed wave {tag}", n=n)
    mirror_create(scan=closed)  # the customer mirror of the closed scan, open
    if step is None:
        step = next(s.step for s in scan_diagnosis(closed).roadmap if s.rank == 1)
    viewer = world.viewer if tag == "a" else make_user(f"viewer-{tag}@example.org")
    member, _created = Membership.objects.get_or_create(organisation=org, user=viewer,
                                                        defaults={"role": Role.VIEWER})
    action = make_action(org, f"Agree MQL {tag}", scan=closed, step=step)
    version = [actions.decision_rights_agree(organisation=org, matrix=full_matrix(), by=owner)
               for _n in range(versions)][-1]
    term = GlossaryTerm.objects.get(organisation=org, key="mql")
    change = actions.glossary_change_propose(organisation=org, term=term, by=owner,
                                             fields={"owner": "joint"})
    # One starter term removed, so that seeding the glossary has something to add.
    GlossaryTerm.objects.filter(organisation=org).exclude(key="mql").order_by("-pk")[0].delete()
    commitment = actions.sla_commitment_create(
        organisation=org, by=owner,
        fields=actions.SlaFields(kind="lead_volume", description=f"MQLs per month {tag}",
                                 owner="marketing", target_value=Decimal(40), unit="leads"))
    token = token_create(organisation=org, user=owner, name=f"CRM {tag}").token
    answers = answer_file(draft)
    pending = PendingImport.objects.create(scan=draft, uploaded_by=owner, name="answers.csv",
                                           data=answers, sha256=hashlib.sha256(answers)
                                           .hexdigest())
    webhook = webhook_create(organisation=org, user=owner, name=f"Slack {tag}",
                             url="http://127.0.0.1:9/hook", events=["scan.closed"]).webhook
    for path in (CRM_CONTACTS, CRM_DEALS):  # the funnel beside the scan has data
        funnel.import_confirm(pending=funnel.import_upload(
            organisation=org, user=owner, name=path.name, data=path.read_bytes()), user=owner)
    crm_pending = funnel.import_upload(organisation=org, user=owner, name=CRM_CONTACTS.name,
                                       data=CRM_CONTACTS.read_bytes())
    actual = actions.sla_actual_record(commitment=commitment, month=date(2026, 1, 1),
                                       value=Decimal(38), by=owner)
    return Side(org, owner, draft, opened, closed, invitation, member, action, version, term,
                change, commitment, step, token, pending, webhook, crm_pending, actual)


@pytest.fixture(scope="module")
def objects(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[Objects]:
    """Built once, in a transaction around the module's tests (rolled back at the end)."""
    with django_db_blocker.unblock(), transaction.atomic():
        with override_settings(
                PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
            world = build_world()
            a = _side(world, world.org, world.owner, world.scan, "a", n=60, step=None,
                      versions=1)
            # Two RACI versions: number 2 exists only in B.
            b = _side(world, world.other_org, world.outsider, world.other_scan, "b", n=30,
                      step=a.step, versions=2)
            consultant = make_user("consultant@example.org")
            Membership.objects.create(organisation=world.org, user=consultant,
                                      role=Role.CONSULTANT)
            a = replace(a, template=ScanTemplate.objects.create(
                owner=consultant, name="Quarterly", title="Quarterly scan",
                instrument_name="tandem-scan-1", languages=["nl", "en"]))
        objects = Objects(world, a, b, consultant)
        _warm_up(objects)
        yield objects
        transaction.set_rollback(True)


@pytest.fixture
def o(objects: Objects, db: None) -> Objects:
    """The module's world, with this test's changes rolled back afterwards."""
    return objects


# ---------------------------------------------------------------- URL arguments


def _reset_link(user_id: int) -> dict[str, Any]:
    """A valid reset link (made from the stored user: logins in other tests change it)."""
    user = User.objects.get(pk=user_id)
    return {"uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user)}


Part = Callable[[Side], dict[str, Any]]
PARTS: dict[str, Part] = {
    "org": lambda s: {"org_id": s.org.pk},
    "draft": lambda s: {"scan_id": s.draft.pk},
    "opened": lambda s: {"scan_id": s.opened.pk},
    "closed": lambda s: {"scan_id": s.closed.pk},
    "step": lambda s: {"step": s.step},
    "lang": lambda s: {"lang": "en"},
    "fmt": lambda s: {"fmt": "sav"},
    "invitation": lambda s: {"invitation_id": s.invitation.pk},
    "pending": lambda s: {"import_id": s.pending.pk},
    "member": lambda s: {"member_id": s.member.pk},
    "action": lambda s: {"action_id": s.action.pk},
    "version": lambda s: {"number": s.version.number},
    "term": lambda s: {"term_id": s.term.pk},
    "change": lambda s: {"change_id": s.change.pk},
    "commitment": lambda s: {"commitment_id": s.commitment.pk},
    "actual": lambda s: {"actual_id": s.actual.pk},
    "token": lambda s: {"token_id": s.token.pk},
    "webhook": lambda s: {"webhook_id": s.webhook.pk},
    "crm_pending": lambda s: {"import_id": s.crm_pending.pk},
    "reset": lambda s: _reset_link(s.owner.pk),
    "template": lambda s: {"template_id": s.template.pk if s.template else 0},
    "pool": lambda s: {"pool_id": 1},  # refused before any pool is looked up
}
#: Parts that name an object of one organisation (the org id and a step slug do not, and
#: a scan template is its user's: tests/web/portfolio/ tries other users' templates).
OBJECT_PARTS = frozenset(PARTS) - {"org", "step", "lang", "fmt", "reset", "template"}


# ---------------------------------------------------------------- the table


def _pdf(body: bytes, s: Side) -> bool:
    return body.startswith(b"%PDF-") and len(body) > 1000


def _zip(body: bytes, s: Side) -> bool:
    return body.startswith(b"PK\x03\x04") and len(body) > 1000


def _research_zip(body: bytes, s: Side) -> bool:
    """The research export: the SPSS file and both codebooks, the organisation pseudonymous."""
    archive = zipfile.ZipFile(io.BytesIO(body))
    data = archive.read("data.sav")
    return (sorted(archive.namelist()) == ["codebook.json", "codebook.md", "data.sav"]
            and data.startswith(b"$FL2") and s.org.name.encode() not in data)


def _figures_csv(body: bytes, s: Side) -> bool:
    return len(body.decode("utf-8-sig").splitlines()) > 10


def _result_json(body: bytes, s: Side) -> bool:
    n: int = json.loads(body)["meta"]["n"]
    return n > 0


def _actions_csv(body: bytes, s: Side) -> bool:
    return s.action.title in body.decode("utf-8-sig")


def _raci_csv(body: bytes, s: Side) -> bool:
    return "A/R" in body.decode("utf-8-sig")


def _glossary_csv(body: bytes, s: Side) -> bool:
    text = body.decode("utf-8-sig")
    return s.term.term_nl in text or s.term.term_en in text


def _sla_csv(body: bytes, s: Side) -> bool:
    return s.commitment.description in body.decode("utf-8-sig")


def _links_csv(body: bytes, s: Side) -> bool:
    return f"{s.invitation.email}," in body.decode()


@dataclass(frozen=True)
class Export:
    """What an allowed role gets from a data endpoint; each download is audited."""

    content_type: str
    holds_data: Callable[[bytes, Side], bool]


PDF = Export("application/pdf", _pdf)
PPTX = Export("application/vnd.openxmlformats-officedocument.presentationml.presentation",
              _zip)
XLSX = Export("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", _zip)


@dataclass(frozen=True)
class Post:
    expect: Codes
    data: Callable[[Side], dict[str, Any]] = lambda s: {}
    #: What an allowed POST changes and a refused one must leave as it was.
    state: Callable[[Side], object] | None = None
    export: Export | None = None


@dataclass(frozen=True)
class Entry:
    parts: tuple[str, ...] = ()
    get: Codes | None = None
    post: Post | None = None
    export: Export | None = None  # of the GET

    def kwargs(self, side: Side) -> dict[str, Any]:
        return {k: v for part in self.parts for k, v in PARTS[part](side).items()}

    def expect(self, method: str) -> Codes:
        codes = self.get if method == "get" else self.post.expect if self.post else None
        assert codes is not None
        return codes


def codes(owner: Code, facilitator: Code, viewer: Code, anonymous: Code,
          outsider: Code, consultant: Code | None = None) -> Codes:
    """The answer per role; a consultant's is a facilitator's unless given."""
    answers = (owner, facilitator, viewer, anonymous, outsider,
               facilitator if consultant is None else consultant)
    return dict(zip(ROLES, answers, strict=True))


# The shapes of access: who may, and what a refused user gets.
SEE = codes(200, 200, 200, LOGIN, 404)  # members see; others 404; anonymous to login
MANAGE = codes(200, 200, 403, LOGIN, 404)  # owner, facilitator (and consultant)
MANAGE_POST = codes(302, 302, 403, LOGIN, 404)
OWNER = codes(200, 403, 403, LOGIN, 404)
OWNER_POST = codes(302, 403, 403, LOGIN, 404)
MEMBER_POST = codes(302, 302, 302, LOGIN, 404)
LOGGED_IN = codes(200, 200, 200, LOGIN, 200)
LOGGED_IN_POST = codes(302, 302, 302, LOGIN, 302)
PUBLIC = codes(200, 200, 200, 200, 200)
RESEARCHER = codes(403, 403, 403, LOGIN, 403)  # a permission of its own (research pool)
REDIRECT = codes(302, 302, 302, 302, 302)
CONSULTANT = codes(404, 404, 404, LOGIN, 404, consultant=200)  # the portfolio's pages
CONSULTANT_POST = codes(404, 404, 404, LOGIN, 404, consultant=302)

CONFIRMED = {"confirm": "yes"}
ORG_FORM = {"name": "Renamed BV", "employees": "1-9", "key_accounts": "unknown",
            "commercial_lead": "true", "sla": "unknown"}
SCAN_FORM = {"title": "Autumn", "instrument_name": "tandem-scan-1", "form": "quick",
             "languages": ["nl", "en"], "default_language": "en", "k": "6"}
ACTION_FORM = {"title": "Monthly feedback round", "owner": "", "joint_owner": "on",
               "status": "planned", "scales": ["DEF"],
               "due_date": (date.today() + timedelta(days=60)).isoformat(), "notes": ""}
SLA_FORM = {"kind": "follow_up", "description": "Sales follows up A-leads", "lead_grade": "A",
            "owner": "sales", "target_value": "24", "unit": "hours", "direction": "at_least",
            "within_share": "90", "notes": ""}
NEW_TERM = {"term_nl": "Kansrijke lead", "term_en": "Promising lead", "owner": "joint",
            "definition_nl": "Een lead met budget.", "definition_en": "A lead with budget."}
NEW_PASSWORD = "another horse battery staple 43"
TEMPLATE_FORM = {"name": "Yearly", "title": "Yearly scan", "instrument_name": "tandem-scan-1",
                 "form": "full", "languages": ["nl", "en"], "default_language": "nl", "k": "5",
                 "days_open": "21"}
SSO_FORM = {"enabled": "on", "issuer": "https://login.example.org/acme", "client_id": "tandem",
            "client_secret": "a-long-client-secret-1234", "scopes": "openid email profile",
            "domains": "acme.example", "role_claim": "groups",
            "role_map": "tandem-owners = owner", "default_role": "viewer",
            "password_login": "on"}


def _term_proposal(s: Side) -> dict[str, Any]:
    data = {n: getattr(s.term, n) for n in GlossaryTerm.CONTENT_FIELDS if n != "stage"}
    return data | ({"stage": "on"} if s.term.stage else {}) | {
        "definition_en": "A lead Marketing and Sales both accept."}


def _raci(s: Side) -> dict[str, Any]:
    return {f"cell_{a}__{p}": v for a, row in full_matrix().items() for p, v in row.items()}


def answer_file(scan: Scan) -> bytes:
    """Tandem's example answers, only the columns the scan asks (its form and settings)."""
    asked = {i.id for i in scan.instrument.items_for(scan.form, scan.settings)}  # type: ignore[arg-type]
    rows = list(csv.reader(io.StringIO(TANDEM_FILE.read_text(encoding="utf-8-sig"))))
    keep = [j for j, name in enumerate(rows[0]) if name in asked or name == "respondent"]
    out = io.StringIO()
    csv.writer(out).writerows([[row[j] for j in keep] for row in rows])
    return out.getvalue().encode()


def _scan(pk: int) -> Scan:
    return Scan.objects.get(pk=pk)


def _passwords(s: Side) -> list[str]:
    return list(User.objects.order_by("pk").values_list("password", flat=True))



def _next_phase(scan: Scan) -> int:
    """The phase one above the scan's current one (the most an override may set)."""
    target = scan_diagnosis(scan).target
    assert target is not None
    return min(target.current + 1, 4)

CASES: dict[str, Entry] = {
    "home": Entry(get=LOGGED_IN),
    "healthz": Entry(get=PUBLIC),
    "set_language": Entry(post=Post(REDIRECT, lambda s: {"language": "en"})),
    # accounts
    "accounts:login": Entry(get=codes(302, 302, 302, 200, 302)),
    "accounts:logout": Entry(post=Post(REDIRECT)),
    "accounts:password_reset": Entry(get=PUBLIC),
    "accounts:password_reset_done": Entry(get=PUBLIC),
    "accounts:password_reset_confirm": Entry(("reset",), get=REDIRECT),
    "accounts:password_reset_complete": Entry(get=PUBLIC),
    "accounts:password_change": Entry(get=LOGGED_IN, post=Post(
        LOGGED_IN_POST, lambda s: {"old_password": PASSWORD, "new_password1": NEW_PASSWORD,
                                   "new_password2": NEW_PASSWORD}, _passwords)),
    "accounts:password_change_done": Entry(get=LOGGED_IN),
    # organisations
    "organisations:create": Entry(get=LOGGED_IN, post=Post(
        LOGGED_IN_POST, lambda s: ORG_FORM, lambda s: Organisation.objects.count())),
    "organisations:detail": Entry(("org",), get=SEE),
    "organisations:edit": Entry(("org",), get=MANAGE, post=Post(
        MANAGE_POST, lambda s: ORG_FORM,
        lambda s: Organisation.objects.get(pk=s.org.pk).name)),
    "organisations:members": Entry(("org",), get=OWNER, post=Post(
        OWNER_POST, lambda s: {"email": "new-member@example.org", "role": "viewer"},
        lambda s: Membership.objects.filter(organisation=s.org).count())),
    "organisations:member_role": Entry(("org", "member"), post=Post(
        OWNER_POST, lambda s: {"role": "facilitator"},
        lambda s: Membership.objects.get(pk=s.member.pk).role)),
    "organisations:member_remove": Entry(("org", "member"), post=Post(
        OWNER_POST, state=lambda s: Membership.objects.filter(pk=s.member.pk).exists())),
    # scans
    "scans:create": Entry(("org",), get=MANAGE, post=Post(
        MANAGE_POST, lambda s: SCAN_FORM, lambda s: Scan.objects.filter(organisation=s.org)
        .count())),
    "scans:detail": Entry(("org", "draft"), get=MANAGE),
    "scans:edit": Entry(("org", "draft"), get=MANAGE, post=Post(
        MANAGE_POST, lambda s: SCAN_FORM, lambda s: _scan(s.draft.pk).title)),
    # A change of status asks to confirm (GET); the confirmed POST makes it.
    "scans:open": Entry(("org", "draft"), get=MANAGE, post=Post(
        MANAGE_POST, lambda s: CONFIRMED, lambda s: _scan(s.draft.pk).status)),
    "scans:close": Entry(("org", "opened"), get=MANAGE, post=Post(
        MANAGE_POST, lambda s: CONFIRMED, lambda s: _scan(s.opened.pk).status)),
    "scans:reopen": Entry(("org", "closed"), get=OWNER, post=Post(
        OWNER_POST, lambda s: CONFIRMED, lambda s: _scan(s.closed.pk).status)),
    "scans:open_link": Entry(("org", "opened"), post=Post(
        MANAGE_POST, lambda s: {"enable": "1"}, lambda s: _scan(s.opened.pk).open_token)),
    "scans:invitations": Entry(("org", "draft"), get=MANAGE, post=Post(
        MANAGE_POST, lambda s: {"addresses": "new-invitee@example.org"},
        lambda s: Invitation.objects.filter(scan=s.draft).count())),
    "scans:invitations_send": Entry(("org", "opened"), post=Post(
        MANAGE_POST, lambda s: {"kind": "invite"},
        lambda s: Invitation.objects.filter(scan=s.opened, sent_at__isnull=False).count())),
    "scans:invitations_export": Entry(("org", "draft"), post=Post(
        codes(200, 200, 403, LOGIN, 404),
        state=lambda s: InvitationToken.objects.filter(invitation__scan=s.draft).count(),
        export=Export("text/csv", _links_csv))),
    "scans:invitation_delete": Entry(("org", "draft", "invitation"), get=MANAGE, post=Post(
        MANAGE_POST, lambda s: CONFIRMED,
        lambda s: Invitation.objects.filter(pk=s.invitation.pk).exists())),
    # the customer mirror (tandem.web.mirror); its customer page is under SURVEY
    "mirror:manage": Entry(("org", "closed"), get=MANAGE),
    "mirror:create": Entry(("org", "opened"), post=Post(
        MANAGE_POST, state=lambda s: Mirror.objects.filter(scan=s.opened).exists())),
    "mirror:close": Entry(("org", "closed"), get=MANAGE, post=Post(
        MANAGE_POST, lambda s: CONFIRMED,
        lambda s: Mirror.objects.get(scan=s.closed).closed_at is None)),
    "mirror:results": Entry(("org", "closed"), get=SEE),
    # responses: answers imported from a file
    "responses:import_upload": Entry(("org", "draft"), get=MANAGE, post=Post(
        MANAGE_POST, lambda s: {"upload": SimpleUploadedFile(
            "answers.csv", answer_file(s.draft) + b"\n"),
                                "source": ""},
        lambda s: set(PendingImport.objects.filter(scan=s.draft).values_list("pk", flat=True)))),
    "responses:import_inspect": Entry(("org", "draft", "pending"), get=MANAGE),
    "responses:import_confirm": Entry(("org", "draft", "pending"), post=Post(
        MANAGE_POST, state=lambda s: Response.objects.filter(scan=s.draft).count())),
    "responses:import_cancel": Entry(("org", "draft", "pending"), post=Post(
        MANAGE_POST, state=lambda s: PendingImport.objects.filter(pk=s.pending.pk).exists())),
    # results
    "results:scan": Entry(("org", "closed"), get=SEE),
    "results:tensions": Entry(("org", "closed"), get=SEE),
    "results:gaps": Entry(("org", "closed"), get=SEE),
    "results:decisions": Entry(("org", "closed"), get=SEE),
    "results:journey": Entry(("org", "closed"), get=SEE),
    "results:benchmark": Entry(("org", "closed"), get=SEE),
    "results:comments": Entry(("org", "closed"), get=SEE),
    "results:method": Entry(("org", "closed"), get=SEE),
    "results:psychometrics": Entry(("org", "closed"), get=MANAGE),
    "results:compare": Entry(("org", "closed"), get=SEE),
    "results:downloads": Entry(("org", "closed"), get=SEE),
    "results:scan_json": Entry(("org", "closed"), get=SEE,
                               export=Export("application/json", _result_json)),
    "results:pdf": Entry(("org", "closed", "lang"), get=SEE, export=PDF),
    "results:deck": Entry(("org", "closed", "lang"), get=MANAGE, export=PPTX),
    "results:xlsx": Entry(("org", "closed"), get=SEE, export=XLSX),
    "results:csv": Entry(("org", "closed"), get=SEE, export=Export("text/csv", _figures_csv)),
    "results:responses": Entry(("org", "closed"), get=OWNER,
                               export=Export("application/zip", _zip)),
    "results:research": Entry(("org", "closed", "fmt"), get=OWNER,
                              export=Export("application/zip", _research_zip)),
    # actions
    "actions:target": Entry(("org", "closed"), get=SEE),
    "actions:target_override": Entry(("org", "closed"), post=Post(
        OWNER_POST, lambda s: {"phase": str(_next_phase(s.closed)),
                               "reason": "We want to integrate"},
        lambda s: TargetOverride.objects.filter(scan=s.closed).count())),
    "actions:roadmap": Entry(("org", "closed"), get=SEE),
    "actions:action_from_step": Entry(("org", "closed", "step"), get=MANAGE, post=Post(
        MANAGE_POST, lambda s: ACTION_FORM,
        lambda s: Action.objects.filter(organisation=s.org).count())),
    # the meeting kit's workshop view: owners and facilitators run it and record actions
    "actions:workshop": Entry(("org", "closed"), get=MANAGE),
    "actions:workshop_action": Entry(("org", "closed"), post=Post(
        MANAGE_POST, lambda s: {**ACTION_FORM, "step": "10"},
        lambda s: Action.objects.filter(organisation=s.org).count())),
    "actions:plan": Entry(("org",), get=SEE),
    "actions:action_new": Entry(("org",), get=MANAGE, post=Post(
        MANAGE_POST, lambda s: ACTION_FORM,
        lambda s: Action.objects.filter(organisation=s.org).count())),
    "actions:export": Entry(("org",), get=SEE, export=Export("text/csv", _actions_csv)),
    "actions:action": Entry(("org", "action"), get=SEE),
    "actions:action_edit": Entry(("org", "action"), get=MANAGE, post=Post(
        MANAGE_POST, lambda s: ACTION_FORM, lambda s: Action.objects.get(pk=s.action.pk).title)),
    "actions:decision_rights": Entry(("org",), get=SEE),
    "actions:decision_rights_agree": Entry(("org",), get=MANAGE, post=Post(
        MANAGE_POST, _raci,
        lambda s: DecisionRightsVersion.objects.filter(organisation=s.org).count())),
    "actions:decision_rights_version": Entry(("org", "version"), get=SEE),
    "actions:decision_rights_pdf": Entry(("org", "version"), get=SEE, export=PDF),
    "actions:decision_rights_csv": Entry(("org", "version"), get=SEE,
                                         export=Export("text/csv", _raci_csv)),
    "actions:glossary_csv": Entry(("org",), get=SEE, export=Export("text/csv", _glossary_csv)),
    "actions:sla_csv": Entry(("org",), get=SEE, export=Export("text/csv", _sla_csv)),
    "actions:glossary": Entry(("org",), get=SEE),
    "actions:glossary_seed": Entry(("org",), post=Post(
        MANAGE_POST, state=lambda s: GlossaryTerm.objects.filter(organisation=s.org).count())),
    "actions:glossary_propose_new": Entry(("org",), get=SEE, post=Post(
        MEMBER_POST, lambda s: NEW_TERM,
        lambda s: GlossaryChange.objects.filter(organisation=s.org).count())),
    "actions:glossary_term": Entry(("org", "term"), get=SEE),
    "actions:glossary_propose": Entry(("org", "term"), get=SEE, post=Post(
        MEMBER_POST, _term_proposal,
        lambda s: GlossaryChange.objects.filter(organisation=s.org).count())),
    "actions:glossary_decide": Entry(("org", "change"), post=Post(
        OWNER_POST, lambda s: {"decision": "approve"},
        lambda s: GlossaryChange.objects.get(pk=s.change.pk).status)),
    "actions:sla": Entry(("org",), get=SEE),
    "actions:sla_new": Entry(("org",), get=MANAGE, post=Post(
        MANAGE_POST, lambda s: SLA_FORM,
        lambda s: SlaCommitment.objects.filter(organisation=s.org).count())),
    "actions:sla_edit": Entry(("org", "commitment"), get=MANAGE, post=Post(
        MANAGE_POST, lambda s: SLA_FORM,
        lambda s: SlaCommitment.objects.get(pk=s.commitment.pk).description)),
    "actions:sla_commitment": Entry(("org", "commitment"), get=SEE),
    "actions:sla_actual_record": Entry(("org", "commitment"), post=Post(
        MANAGE_POST, lambda s: {"month": "2026-02", "value": "41", "note": ""},
        lambda s: SlaActual.objects.filter(commitment=s.commitment).count())),
    "actions:sla_actual_delete": Entry(("org", "commitment", "actual"), post=Post(
        MANAGE_POST, state=lambda s: SlaActual.objects.filter(pk=s.actual.pk).exists())),
    "actions:sla_delete": Entry(("org", "commitment"), post=Post(
        MANAGE_POST, state=lambda s: SlaCommitment.objects.filter(pk=s.commitment.pk).exists())),
    # the funnel beside the scan: members see it; owners and facilitators import CRM exports
    "funnel:cockpit": Entry(("org",), get=SEE),
    "funnel:import_upload": Entry(("org",), get=MANAGE, post=Post(
        MANAGE_POST, lambda s: {"upload": SimpleUploadedFile(
            "deals.xlsx", CRM_DEALS.read_bytes()), "kind": ""},
        lambda s: set(FunnelPendingImport.objects.filter(organisation=s.org)
                      .values_list("pk", flat=True)))),
    "funnel:import_inspect": Entry(("org", "crm_pending"), get=MANAGE),
    "funnel:import_confirm": Entry(("org", "crm_pending"), post=Post(
        MANAGE_POST, state=lambda s: FunnelImport.objects.filter(organisation=s.org).count())),
    "funnel:import_cancel": Entry(("org", "crm_pending"), post=Post(
        MANAGE_POST, state=lambda s: FunnelPendingImport.objects.filter(pk=s.crm_pending.pk)
        .exists())),
    # API tokens: every member makes their own (shown once, so the POST answers 200);
    # only its member or an owner revokes one, and to others it does not exist.
    "api_tokens:tokens": Entry(("org",), get=SEE, post=Post(
        codes(200, 200, 200, LOGIN, 404), lambda s: {"name": "CRM", "days": "90"},
        lambda s: ApiToken.objects.filter(organisation=s.org).count())),
    "api_tokens:revoke": Entry(("org", "token"), post=Post(
        codes(302, 404, 404, LOGIN, 404),
        state=lambda s: ApiToken.objects.get(pk=s.token.pk).revoked_at)),
    # webhooks: owners only (the test message is queued as a delivery)
    "webhooks:list": Entry(("org",), get=OWNER, post=Post(
        codes(200, 403, 403, LOGIN, 404),
        lambda s: {"name": "Teams", "url": "https://example.org/hook", "events": ["scan.closed"]},
        lambda s: Webhook.objects.filter(organisation=s.org).count())),
    "webhooks:test": Entry(("org", "webhook"), post=Post(
        OWNER_POST, state=lambda s: Delivery.objects.filter(webhook=s.webhook).count())),
    "webhooks:delete": Entry(("org", "webhook"), post=Post(
        OWNER_POST, state=lambda s: Webhook.objects.filter(pk=s.webhook.pk).exists())),
    # single sign-on: the settings are the owner's; signing in is for anybody (an unknown
    # address finds no provider: the form again), and a callback that this browser did
    # not start is refused (400) for everybody (tests/web/test_sso.py signs in for real)
    "sso:settings": Entry(("org",), get=OWNER, post=Post(
        OWNER_POST, lambda s: SSO_FORM,
        lambda s: SingleSignOn.objects.filter(organisation=s.org)
        .values_list("enabled", "issuer").first())),
    "sso:start": Entry(get=PUBLIC, post=Post(
        PUBLIC, lambda s: {"identifier": "someone@nowhere.example"})),
    "sso:callback": Entry(get=codes(400, 400, 400, 400, 400)),
    # the consultant's portfolio: its own pages; a scan from a template is scan work
    "portfolio:portfolio": Entry(get=CONSULTANT),
    "portfolio:compare": Entry(get=CONSULTANT),
    "portfolio:templates": Entry(get=CONSULTANT),
    "portfolio:template_new": Entry(get=CONSULTANT, post=Post(
        CONSULTANT_POST, lambda s: TEMPLATE_FORM, lambda s: ScanTemplate.objects.count())),
    "portfolio:template_edit": Entry(("template",), get=CONSULTANT, post=Post(
        CONSULTANT_POST, lambda s: TEMPLATE_FORM,
        lambda s: ScanTemplate.objects.filter(pk=s.template.pk).values_list("name").first())),
    "portfolio:template_delete": Entry(("template",), post=Post(
        CONSULTANT_POST, state=lambda s: ScanTemplate.objects.filter(pk=s.template.pk).exists())),
    "portfolio:scan_start": Entry(("org",), get=MANAGE, post=Post(
        MANAGE_POST, lambda s: SCAN_FORM, lambda s: Scan.objects.filter(organisation=s.org)
        .count())),
    # governance (data protection): owners only
    "governance:data": Entry(("org",), get=OWNER, post=Post(
        OWNER_POST, lambda s: {"retention_months": "12"},
        lambda s: Organisation.objects.get(pk=s.org.pk).retention_months)),
    "governance:audit": Entry(("org",), get=OWNER),
    "governance:organisation_delete": Entry(("org",), get=OWNER, post=Post(
        OWNER_POST, lambda s: {"name": s.org.name},
        lambda s: Organisation.objects.filter(pk=s.org.pk).exists())),
    "governance:scan_delete": Entry(("org", "draft"), get=OWNER, post=Post(
        OWNER_POST, lambda s: {"name": s.draft.title},
        lambda s: Scan.objects.filter(pk=s.draft.pk).exists())),
    # research: consent is the owner's; the pool is for researchers (a permission none
    # of these roles has; tests/web/research/ tests a researcher)
    "research:consent": Entry(("org",), get=OWNER, post=Post(
        OWNER_POST, lambda s: {"agree": "on"},
        lambda s: Consent.objects.filter(organisation=s.org).count())),
    "research:pool": Entry(get=RESEARCHER, post=Post(
        RESEARCHER, lambda s: {"fmt": "csv", "language": "en"},
        lambda s: Pool.objects.count())),
    "research:pool_stream": Entry(("lang",), get=RESEARCHER),
    "research:pool_download": Entry(("pool",), get=RESEARCHER),
}


@dataclass(frozen=True)
class Survey:
    """A respondent-facing URL: reached by a token link, never by organisation role."""

    kwargs: dict[str, str]
    status: int
    reason: str


GUESS = "g" * 43  # the length of a real token
SURVEY: dict[str, Survey] = {
    "survey:code": Survey({}, 200, "asks for an access code; shows no scan until one fits"),
    "survey:done": Survey({}, 200, "the thank-you page after submitting; no data"),
    "survey:open": Survey({"token": GUESS}, 404, "open link: the token is the only key"),
    "survey:invitation": Survey({"token": GUESS}, 404, "personal link: the token is the key"),
    "survey:resume": Survey({"token": GUESS}, 404, "resume link of an open-link draft"),
    "survey:section": Survey({"kind": "i", "token": GUESS, "section": "intro"}, 404,
                             "a questionnaire page under a personal or resume link"),
    "survey:review": Survey({"kind": "r", "token": GUESS}, 404,
                            "the review page under a personal or resume link"),
    "customer:answer": Survey({"token": GUESS}, 404,
                              "the customer mirror's page: the stage's or general link is the key"),
    "customer:thanks": Survey({}, 200, "the customer's thank-you page; names nobody"),
}


# ---------------------------------------------------------------- checks


def _warm_up(o: Objects) -> None:
    """Fill the (database) results cache once, outside the tests' savepoints."""
    client = client_for(o.a.owner)
    for name in ("results:scan", "results:compare", "actions:roadmap", "actions:plan",
                 "actions:decision_rights"):
        response = client.get(reverse(name, kwargs=CASES[name].kwargs(o.a)))
        assert response.status_code == 200, name


def _user(o: Objects, role: str) -> User | None:
    if role == "consultant":
        return o.consultant
    return None if role == "anonymous" else o.world.user(role)


def _send(client: Client, name: str, method: str, side: Side,
          kwargs: dict[str, Any]) -> HttpResponseBase:
    entry = CASES[name]
    url = reverse(name, kwargs=kwargs or None)
    if method == "get":
        return client.get(url)
    assert entry.post is not None
    return client.post(url, entry.post.data(side))


def _assert_status(response: HttpResponseBase, expected: Code, where: object) -> None:
    if expected == LOGIN:
        assert response.status_code == 302, where
        assert response["Location"].startswith(reverse("accounts:login")), where
    else:
        assert response.status_code == expected, where


def _assert_no_data(response: HttpResponseBase, o: Objects, where: object) -> None:
    """A refused answer is a plain page or redirect: no download, no organisation data."""
    assert response.get("Content-Type", "").startswith("text/html"), where
    assert "attachment" not in response.get("Content-Disposition", ""), where
    body = response.content.decode()  # type: ignore[attr-defined]
    for marker in (*o.a.markers, *o.b.markers):
        assert marker not in body, (where, marker)


def _exchange(name: str, method: str) -> str:
    return f"{method.upper()} {name}"


MATRIX = [(name, method) for name, entry in sorted(CASES.items())
          for method in ("get", "post") if getattr(entry, method) is not None]


# ---------------------------------------------------------------- tests


def _names(patterns: list[URLPattern | URLResolver], prefix: str = "") -> set[str]:
    names: set[str] = set()
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = f"{prefix}{p.namespace}:" if p.namespace else prefix
            names |= _names(p.url_patterns, ns)
        elif p.name:
            names.add(f"{prefix}{p.name}")
    return names


def test_every_url_has_an_entry() -> None:
    """One table for the whole app: only the admin (its own staff check) and the REST API
    (Bearer tokens, no session: its roles and tenants are tested per endpoint in
    tests/web/api/) are left out."""
    names = {n for n in _names(get_resolver().url_patterns)
             if not n.startswith(("admin:", "api:"))}
    assert names - CASES.keys() - SURVEY.keys() == set(), "add these URL names to CASES"
    assert (CASES.keys() | SURVEY.keys()) - names == set(), "these entries name no URL"
    assert all(n.startswith(("survey:", "customer:")) for n in SURVEY)
    assert not any(n.startswith(("survey:", "customer:")) for n in CASES)
    assert all(s.reason for s in SURVEY.values())
    assert all(e.get or e.post for e in CASES.values())


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "method"), MATRIX, ids=[_exchange(*m) for m in MATRIX])
def test_role_matrix(name: str, method: str, role: str, o: Objects) -> None:
    """The listed answer; an allowed role gets the data or makes the change, a refused
    one gets neither, and nobody sees the other organisation's data."""
    entry = CASES[name]
    expected = entry.expect(method)[role]
    post = entry.post if method == "post" else None
    state = post.state if post else None
    export = post.export if post else entry.export
    before = state(o.a) if state else None
    audited = AuditEvent.objects.count()
    where = (_exchange(name, method), role)
    client = client_for(_user(o, role))  # before the URL: a login changes a reset link
    response = _send(client, name, method, o.a, entry.kwargs(o.a))
    _assert_status(response, expected, where)
    theirs = o.a if role == "outsider" else o.b
    for marker in theirs.markers:  # allowed or not: never the other organisation's data
        assert marker.encode() not in response.content, (where, marker)  # type: ignore[attr-defined]
    if expected in REFUSED:
        _assert_no_data(response, o, where)
        assert AuditEvent.objects.count() == audited, where
        if state:
            assert state(o.a) == before, (where, "a refused request changed the database")
        return
    if state:
        assert state(o.a) != before, (where, "the allowed request changed nothing")
    if export:
        assert response["Content-Type"].startswith(export.content_type), where
        assert export.holds_data(response.content, o.a), where  # type: ignore[attr-defined]
        assert AuditEvent.objects.count() == audited + 1, (where, "the export is not audited")


WRONG_METHOD = [(name, "post" if entry.post is None else "get")
                for name, entry in sorted(CASES.items())
                if "org" in entry.parts and (entry.get is None or entry.post is None)]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "method"), WRONG_METHOD,
                         ids=[_exchange(*m) for m in WRONG_METHOD])
def test_the_other_method_is_refused(name: str, method: str, role: str, o: Objects) -> None:
    """A POST-only change cannot be made by a link (GET), nor a download by a POST:
    405 for who may use the URL, the table's refusal for who may not; nothing changes."""
    entry = CASES[name]
    listed = entry.expect("get" if method == "post" else "post")[role]
    state = entry.post.state if entry.post else None
    before = state(o.a) if state else None
    audited = AuditEvent.objects.count()
    client = client_for(_user(o, role))
    url = reverse(name, kwargs=entry.kwargs(o.a))
    response = client.get(url) if method == "get" else client.post(url)
    _assert_status(response, listed if listed in REFUSED else 405, (name, method, role))
    assert AuditEvent.objects.count() == audited
    if state:
        assert state(o.a) == before


CROSS = [(name, method, who) for name, method in MATRIX
         for who in ("owner", "facilitator", "viewer", "outsider")
         if set(CASES[name].parts) & OBJECT_PARTS
         # RACI version numbers count per organisation: B has every number A has.
         and not (who == "outsider" and set(CASES[name].parts) & OBJECT_PARTS == {"version"})]
NOWHERE = 2**31 - 1  # an id no organisation has


def _variants(entry: Entry, home: Side,
              foreign: Side) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """The home organisation's URL with each foreign object id in turn and with all of
    them; each paired with the same URL where those ids exist nowhere."""
    objects = [p for p in entry.parts if p in OBJECT_PARTS]
    variants = []
    for taken in [[p] for p in objects] + ([objects] if len(objects) > 1 else []):
        theirs = {k: v for p in taken for k, v in PARTS[p](foreign).items()}
        variants.append((entry.kwargs(home) | theirs,
                         entry.kwargs(home) | dict.fromkeys(theirs, NOWHERE)))
    return variants


@pytest.mark.parametrize(("name", "method", "who"), CROSS,
                         ids=[f"{_exchange(n, m)}-{w}" for n, m, w in CROSS])
def test_another_organisations_object_is_404(name: str, method: str, who: str,
                                             o: Objects) -> None:
    """A's members with B's ids, and the outsider (B's owner) with A's, in their own org.

    Who may use the URL at home gets 404 (never 403: that would say the object exists);
    who may not gets the same refusal as at home. Either way the answer is the one an
    id that exists nowhere gets, so it tells nothing, and nothing changes.
    """
    entry = CASES[name]
    home, foreign = (o.b, o.a) if who == "outsider" else (o.a, o.b)
    at_home = entry.expect(method)["owner" if who == "outsider" else who]
    user = o.world.user(who)
    post = entry.post if method == "post" else None
    for kwargs, nowhere in _variants(entry, home, foreign):
        before = [post.state(s) for s in (home, foreign)] if post and post.state else None
        audited = AuditEvent.objects.count()
        where = (_exchange(name, method), who, kwargs)
        response = _send(client_for(user), name, method, foreign, kwargs)
        assert response.status_code == (at_home if at_home in REFUSED else 404), where
        _assert_no_data(response, o, where)
        assert AuditEvent.objects.count() == audited, where
        if post and post.state:
            assert [post.state(s) for s in (home, foreign)] == before, where
        missing = _send(client_for(user), name, method, foreign, nowhere)
        assert missing.status_code == response.status_code, (where, "differs from no object")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(SURVEY))
def test_survey_links_with_a_guessed_token(name: str, role: str, o: Objects) -> None:
    """Respondent pages ignore roles; a guessed token finds nothing and names no one."""
    survey = SURVEY[name]
    response = client_for(_user(o, role)).get(reverse(name, kwargs=survey.kwargs or None))
    assert response.status_code == survey.status, (name, role)
    body = response.content.decode()
    for marker in (*o.a.markers, *o.b.markers):
        assert marker not in body, (name, role, marker)


def _admin_urls(o: Objects) -> list[str]:
    urls = [reverse("admin:index")]
    for model in admin.site._registry:
        meta = model._meta
        urls.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"))
    org = Organisation._meta
    urls.append(reverse(f"admin:{org.app_label}_{org.model_name}_change", args=[o.a.org.pk]))
    return urls


@pytest.mark.parametrize("role", ROLES)
def test_admin_is_closed_to_every_role(role: str, o: Objects) -> None:
    """Roles in an organisation give no admin access: every admin page asks a staff login."""
    client = client_for(_user(o, role))
    for url in _admin_urls(o):
        response = client.get(url)
        assert response.status_code == 302, (role, url)
        assert response["Location"].startswith(reverse("admin:login")), (role, url)


def test_admin_is_for_operators_only(o: Objects) -> None:
    staff = make_user("operator@example.org")
    staff.is_staff = staff.is_superuser = True
    staff.save()
    client = client_for(staff)
    for url in _admin_urls(o):
        assert client.get(url).status_code == 200, url
