"""Named fixture users and objects for the web tests (Zulip style: real HTTP, real roles)."""

from __future__ import annotations

import pytest
from webtest_helpers import World, make_user

from tandem.web.organisations.models import Membership, Role
from tandem.web.organisations.services import organisation_create
from tandem.web.scans.models import Scan
from tandem.web.scans.services import scan_create, scan_open


@pytest.fixture
def world(db: None) -> World:
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


@pytest.fixture
def open_scan(world: World) -> Scan:
    return scan_open(scan=world.scan, actor=world.owner)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: pytest.FixtureRequest) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
