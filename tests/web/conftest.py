"""Named fixture users and objects for the web tests (Zulip style: real HTTP, real roles)."""

from __future__ import annotations

import pytest
from webtest_helpers import World, build_world

from tandem.web.scans.models import Scan
from tandem.web.scans.services import scan_open


@pytest.fixture
def world(db: None) -> World:
    return build_world()


@pytest.fixture
def open_scan(world: World) -> Scan:
    return scan_open(scan=world.scan, actor=world.owner)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: pytest.FixtureRequest) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
