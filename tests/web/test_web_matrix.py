"""Every view (URL name) as every role: the right answer (200/302/403/404) for each.

The table below must name every URL of the facilitator side; adding a URL without an
entry fails ``test_every_url_has_an_entry``. The admin has its own staff check and the
survey namespace is respondent-facing (token links, tested with the survey flow).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from webtest_helpers import World, client_for

from tandem.web.organisations.models import Membership
from tandem.web.scans.models import Invitation, Scan
from tandem.web.scans.services import scan_close, scan_open

ROLES = ("owner", "facilitator", "viewer", "anonymous", "outsider")
# "actions" and "governance" have their own role matrices (test_actions_views.py,
# test_governance_views.py).
EXCLUDED_NAMESPACES = ("admin", "survey", "actions", "governance")


@dataclass
class Objects:
    world: World
    open_scan: Scan
    closed_scan: Scan
    invitation: Invitation
    viewer_membership: Membership


@pytest.fixture
def objects(world: World) -> Objects:
    open_ = scan_open(
        scan=Scan.objects.create(organisation=world.org, title="Open",
                                 instrument_name="tandem-scan-1", instrument_id="tandem-scan",
                                 instrument_version="1.0", languages=["nl", "en"]),
        actor=world.owner,
    )
    closed = Scan.objects.create(organisation=world.org, title="Closed",
                                 instrument_name="tandem-scan-1", instrument_id="tandem-scan",
                                 instrument_version="1.0", languages=["nl", "en"])
    closed = scan_close(scan=scan_open(scan=closed, actor=world.owner), actor=world.owner)
    invitation = Invitation.objects.create(scan=world.scan, email="x@example.org")
    viewer_membership = Membership.objects.get(organisation=world.org, user=world.viewer)
    return Objects(world, open_, closed, invitation, viewer_membership)


Kwargs = Callable[[Objects], dict[str, Any]]


def org(o: Objects) -> dict[str, Any]:
    return {"org_id": o.world.org.pk}


def draft(o: Objects) -> dict[str, Any]:
    return {"org_id": o.world.org.pk, "scan_id": o.world.scan.pk}


def opened(o: Objects) -> dict[str, Any]:
    return {"org_id": o.world.org.pk, "scan_id": o.open_scan.pk}


def closed(o: Objects) -> dict[str, Any]:
    return {"org_id": o.world.org.pk, "scan_id": o.closed_scan.pk}


def member(o: Objects) -> dict[str, Any]:
    return {"org_id": o.world.org.pk, "member_id": o.viewer_membership.pk}


def invitation(o: Objects) -> dict[str, Any]:
    return {**draft(o), "invitation_id": o.invitation.pk}


def reset_token(o: Objects) -> dict[str, Any]:
    user = o.world.viewer
    return {"uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user)}


def none(o: Objects) -> dict[str, Any]:
    return {}


@dataclass
class Case:
    kwargs: Kwargs
    expect: dict[str, int]
    method: str = "get"
    data: dict[str, Any] = field(default_factory=dict)


def codes(owner: int, facilitator: int, viewer: int, anonymous: int,
          outsider: int) -> dict[str, int]:
    return dict(zip(ROLES, (owner, facilitator, viewer, anonymous, outsider), strict=True))


# The shapes of access: who may, and what a refused user gets.
SEE = codes(200, 200, 200, 302, 404)  # members see; others 404; anonymous to login
MANAGE = codes(200, 200, 403, 302, 404)  # owner + facilitator
MANAGE_POST = codes(302, 302, 403, 302, 404)
OWNER = codes(200, 403, 403, 302, 404)
OWNER_POST = codes(302, 403, 403, 302, 404)
LOGGED_IN = codes(200, 200, 200, 302, 200)
PUBLIC = codes(200, 200, 200, 200, 200)

CASES: dict[str, Case] = {
    "home": Case(none, LOGGED_IN),
    "healthz": Case(none, PUBLIC),
    "set_language": Case(none, codes(302, 302, 302, 302, 302), "post", {"language": "en"}),
    # accounts
    "accounts:login": Case(none, codes(302, 302, 302, 200, 302)),
    "accounts:logout": Case(none, codes(302, 302, 302, 302, 302), "post"),
    "accounts:password_reset": Case(none, PUBLIC),
    "accounts:password_reset_done": Case(none, PUBLIC),
    "accounts:password_reset_confirm": Case(reset_token, codes(302, 302, 302, 302, 302)),
    "accounts:password_reset_complete": Case(none, PUBLIC),
    "accounts:password_change": Case(none, LOGGED_IN),
    "accounts:password_change_done": Case(none, LOGGED_IN),
    # organisations
    "organisations:create": Case(none, LOGGED_IN),
    "organisations:detail": Case(org, SEE),
    "organisations:edit": Case(org, MANAGE),
    "organisations:members": Case(org, OWNER),
    "organisations:member_role": Case(member, OWNER_POST, "post", {"role": "facilitator"}),
    "organisations:member_remove": Case(member, OWNER_POST, "post"),
    # scans
    "scans:create": Case(org, MANAGE),
    "scans:detail": Case(draft, MANAGE),
    "scans:edit": Case(draft, MANAGE),
    "scans:open": Case(draft, MANAGE_POST, "post"),
    "scans:close": Case(opened, MANAGE_POST, "post"),
    "scans:reopen": Case(closed, OWNER_POST, "post"),
    "scans:open_link": Case(opened, MANAGE_POST, "post", {"enable": "1"}),
    "scans:invitations": Case(draft, MANAGE),
    "scans:invitations_send": Case(opened, MANAGE_POST, "post", {"kind": "invite"}),
    "scans:invitations_export": Case(draft, codes(200, 200, 403, 302, 404), "post"),
    "scans:invitation_delete": Case(invitation, MANAGE_POST, "post"),
    # results
    "results:scan": Case(closed, SEE),
    "results:scan_json": Case(closed, SEE),
    "results:tensions": Case(closed, SEE),
    "results:gaps": Case(closed, SEE),
    "results:decisions": Case(closed, SEE),
    "results:journey": Case(closed, SEE),
    "results:comments": Case(closed, SEE),
    "results:method": Case(closed, SEE),
    "results:compare": Case(closed, SEE),
    "results:downloads": Case(closed, SEE),
    "results:pdf": Case(lambda o: closed(o) | {"lang": "en"}, SEE),
    "results:xlsx": Case(closed, SEE),
    "results:csv": Case(closed, SEE),
    "results:responses": Case(closed, OWNER),
}


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
    names = {n for n in _names(get_resolver().url_patterns)
             if n.split(":")[0] not in EXCLUDED_NAMESPACES}
    assert names - CASES.keys() == set(), "add these URL names to CASES"
    assert CASES.keys() - names == set(), "these CASES name no URL"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(CASES))
def test_role_matrix(name: str, role: str, objects: Objects) -> None:
    case = CASES[name]
    user = None if role == "anonymous" else objects.world.user(role)
    client = client_for(user)
    url = reverse(name, kwargs=case.kwargs(objects) or None)
    response = getattr(client, case.method)(url, case.data)
    assert response.status_code == case.expect[role], (name, role, url)
    if response.status_code == 302 and role == "anonymous" and case.expect["owner"] != 302:
        assert response["Location"].startswith(reverse("accounts:login"))


ORG_SCOPED = sorted(n for n, c in CASES.items() if c.kwargs in (draft, opened, closed, invitation))


@pytest.mark.parametrize("name", ORG_SCOPED)
def test_another_organisations_scan_is_404_even_for_an_owner(name: str, objects: Objects) -> None:
    """The org in the URL is the user's own, the scan is not: still nothing to see."""
    case = CASES[name]
    kwargs = case.kwargs(objects) | {"scan_id": objects.world.other_scan.pk}
    client = client_for(objects.world.owner)
    response = getattr(client, case.method)(reverse(name, kwargs=kwargs), case.data)
    assert response.status_code == 404


def test_another_organisations_member_is_404(objects: Objects) -> None:
    theirs = Membership.objects.get(organisation=objects.world.other_org)
    client = client_for(objects.world.owner)
    url = reverse("organisations:member_remove",
                  kwargs={"org_id": objects.world.org.pk, "member_id": theirs.pk})
    assert client.post(url).status_code == 404
    assert Membership.objects.filter(pk=theirs.pk).exists()


def test_admin_is_for_operators_only(objects: Objects) -> None:
    assert client_for(objects.world.owner).get("/admin/").status_code == 302
    objects.world.owner.is_staff = objects.world.owner.is_superuser = True
    objects.world.owner.save()
    assert client_for(objects.world.owner).get("/admin/").status_code == 200
