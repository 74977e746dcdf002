"""The data-protection pages: retention, the audit log, who sees the link.

Who may reach each page (every role, another organisation's objects) is the one
project-wide table in test_web_matrix.py.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from webtest_helpers import World, client_for

from tandem.web.governance.models import AuditAction, AuditEvent
from tandem.web.organisations.models import Organisation


def test_retention_is_owner_editable_and_audited(world: World) -> None:
    client = client_for(world.owner)
    url = reverse("governance:data", kwargs={"org_id": world.org.pk})
    assert Organisation.objects.get(pk=world.org.pk).retention_months == 24
    assert client.post(url, {"retention_months": "0"}).status_code == 400
    assert client.post(url, {"retention_months": "12"}).status_code == 302
    assert Organisation.objects.get(pk=world.org.pk).retention_months == 12
    event = AuditEvent.objects.get(action=AuditAction.RETENTION)
    assert event.detail == "24 -> 12" and event.organisation_id == world.org.pk
    assert client_for(world.facilitator).post(url, {"retention_months": "1"}).status_code == 403
    assert Organisation.objects.get(pk=world.org.pk).retention_months == 12


def test_the_audit_page_lists_only_the_own_organisations_events(world: World) -> None:
    AuditEvent.objects.create(
        action=AuditAction.EXPORT,
        actor_email="a@example.org",
        organisation_id=world.org.pk,
        object_type="scan",
        object_id="1",
        detail="mine.csv",
    )
    AuditEvent.objects.create(
        action=AuditAction.EXPORT,
        actor_email="b@example.org",
        organisation_id=world.other_org.pk,
        object_type="scan",
        object_id="2",
        detail="theirs.csv",
    )
    AuditEvent.objects.create(
        action=AuditAction.EXPORT,
        actor_email="a@example.org",
        organisation_id=world.org.pk,
        object_type="decisionrightsversion",
        object_id="1",
        detail="decision-rights-v1.pdf",
    )
    page = client_for(world.owner).get(reverse("governance:audit", kwargs={"org_id": world.org.pk}),
                                       HTTP_ACCEPT_LANGUAGE="en")
    text = page.content.decode()
    assert "mine.csv" in text and "theirs.csv" not in text
    # objects by their names, never model names
    assert "decisionrightsversion" not in text and "decision-rights agreement 1" in text


@pytest.mark.parametrize(
    ("role", "shown"), [("owner", True), ("facilitator", False), ("viewer", False)]
)
def test_only_owners_see_the_link_to_data_protection(world: World, role: str, shown: bool) -> None:
    page = client_for(world.user(role)).get(
        reverse("organisations:detail", kwargs={"org_id": world.org.pk}), HTTP_ACCEPT_LANGUAGE="nl"
    )
    assert page.status_code == 200
    link = reverse("governance:data", kwargs={"org_id": world.org.pk})
    assert (link in page.content.decode()) is shown
    assert ("Gegevensbescherming" in page.content.decode()) is shown
