"""Helpers shared by the web tests (a unique module name, so no clash with other conftests)."""

from __future__ import annotations

from dataclasses import dataclass

from django.test import Client

from tandem.web.accounts.models import User
from tandem.web.organisations.models import Membership, Organisation, Role
from tandem.web.organisations.services import organisation_create
from tandem.web.scans.models import Scan
from tandem.web.scans.services import scan_create

PASSWORD = "correct horse battery staple 42"


def make_user(email: str, password: str = PASSWORD) -> User:
    return User.objects.create_user(email, password=password)


@dataclass
class World:
    """Two organisations and a user per role; ``outsider`` owns only the other one."""

    org: Organisation
    other_org: Organisation
    owner: User
    facilitator: User
    viewer: User
    outsider: User
    scan: Scan
    other_scan: Scan

    def user(self, role: str) -> User:
        return {"owner": self.owner, "facilitator": self.facilitator, "viewer": self.viewer,
                "outsider": self.outsider}[role]


def build_world() -> World:
    """The ``world`` fixture's objects, for fixtures wider than one test (module scope)."""
    owner = make_user("owner@example.org")
    facilitator = make_user("facilitator@example.org")
    viewer = make_user("viewer@example.org")
    outsider = make_user("outsider@example.org")
    org = organisation_create(name="Acme", owner=owner)
    Membership.objects.create(organisation=org, user=facilitator, role=Role.FACILITATOR)
    Membership.objects.create(organisation=org, user=viewer, role=Role.VIEWER)
    other = organisation_create(name="Other BV", owner=outsider)
    scan = scan_create(organisation=org, title="Spring 2026", instrument_name="tandem-scan-1")
    other_scan = scan_create(organisation=other, title="Theirs", instrument_name="tandem-scan-1")
    return World(org, other, owner, facilitator, viewer, outsider, scan, other_scan)


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client
