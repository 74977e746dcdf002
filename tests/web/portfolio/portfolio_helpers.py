"""A consultant and the organisations they serve, for the portfolio tests (a module of
its own, with a unique name, so the test modules build the same clients)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from webtest_helpers import make_user

from tandem.web.accounts.models import User
from tandem.web.organisations.models import Membership, Organisation, Role
from tandem.web.organisations.services import organisation_create
from tandem.web.scans.models import Invitation, Scan

CONSULTANT = "consultant@example.org"


def serve(consultant: User, *organisations: Organisation) -> None:
    for organisation in organisations:
        Membership.objects.create(organisation=organisation, user=consultant,
                                  role=Role.CONSULTANT)


def consultant_for(*organisations: Organisation, email: str = CONSULTANT) -> User:
    user = make_user(email)
    serve(user, *organisations)
    return user


def client_org(name: str, owner: User) -> Organisation:
    """A client organisation with a context (the target phase needs one)."""
    return organisation_create(name=name, owner=owner, employees="50-249", market="b2b",
                               markets=3, growth="moderate", marketing_role="leads",
                               key_accounts=True)


def invite(scan: Scan, invited: int, finished: int) -> None:
    """``invited`` invitations, the first ``finished`` of them answered: the response
    rate the overview shows is finished / invited."""
    now = timezone.now()
    Invitation.objects.bulk_create(
        Invitation(scan=scan, email=f"p{i:03d}-{scan.pk}@example.org",
                   department=("sales", "marketing", "service")[i % 3],
                   sent_at=now - timedelta(days=20),
                   finished_at=now - timedelta(days=5) if i < finished else None)
        for i in range(invited))
