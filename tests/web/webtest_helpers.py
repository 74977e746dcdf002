"""Helpers shared by the web tests (a unique module name, so no clash with other conftests)."""

from __future__ import annotations

from dataclasses import dataclass

from django.test import Client

from tandem.web.accounts.models import User
from tandem.web.organisations.models import Organisation
from tandem.web.scans.models import Scan

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


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client
