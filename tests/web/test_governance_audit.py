"""Every export and download writes exactly one audit event, without respondent data."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse
from test_actions_support import closed_scan, set_context
from test_governance_support import full_matrix
from webtest_helpers import World, client_for

from tandem.web.actions.services import decision_rights_agree
from tandem.web.governance.models import AuditAction, AuditEvent
from tandem.web.scans.models import Invitation, Scan


@pytest.fixture
def scan(world: World) -> Scan:
    scan = closed_scan(set_context(world.org), world.owner, n=40)
    Invitation.objects.create(scan=world.scan, email="p@example.org")
    decision_rights_agree(organisation=world.org, matrix=full_matrix(), by=world.owner)
    return scan


Url = Callable[[World, Scan], tuple[str, str, str]]  # method, url, expected detail
DOWNLOADS: dict[str, Url] = {
    "results pdf": lambda w, s: ("get", reverse("results:pdf", kwargs={
        "org_id": w.org.pk, "scan_id": s.pk, "lang": "en"}), "report-en.pdf"),
    "results xlsx": lambda w, s: ("get", reverse("results:xlsx", kwargs={
        "org_id": w.org.pk, "scan_id": s.pk}), "results.xlsx"),
    "results csv": lambda w, s: ("get", reverse("results:csv", kwargs={
        "org_id": w.org.pk, "scan_id": s.pk}), "figures.csv"),
    "results json": lambda w, s: ("get", reverse("results:scan_json", kwargs={
        "org_id": w.org.pk, "scan_id": s.pk}), "results.json"),
    "anonymised data": lambda w, s: ("get", reverse("results:responses", kwargs={
        "org_id": w.org.pk, "scan_id": s.pk}), "responses.zip"),
    "research export": lambda w, s: ("get", reverse("results:research", kwargs={
        "org_id": w.org.pk, "scan_id": s.pk, "fmt": "dta"}), "research-dta.zip"),
    "actions csv": lambda w, s: ("get", reverse("actions:export", kwargs={
        "org_id": w.org.pk}), "actions.csv"),
    "raci pdf": lambda w, s: ("get", reverse("actions:decision_rights_pdf", kwargs={
        "org_id": w.org.pk, "number": 1}), "decision-rights-v1.pdf"),
    "invitation links": lambda w, s: ("post", reverse("scans:invitations_export", kwargs={
        "org_id": w.org.pk, "scan_id": w.scan.pk}), "links.csv (1)"),
}


@pytest.mark.parametrize("name", sorted(DOWNLOADS))
def test_each_download_writes_one_event(world: World, scan: Scan, name: str) -> None:
    method, url, detail = DOWNLOADS[name](world, scan)
    before = AuditEvent.objects.count()
    response = getattr(client_for(world.owner), method)(url)
    assert response.status_code == 200, name
    assert AuditEvent.objects.count() == before + 1
    event: Any = AuditEvent.objects.order_by("-pk").first()
    assert event.action == AuditAction.EXPORT
    assert event.actor_id == world.owner.pk and event.actor_email == world.owner.email
    assert event.organisation_id == world.org.pk
    assert event.detail == detail


def test_a_refused_download_writes_nothing(world: World, scan: Scan) -> None:
    url = reverse("results:responses", kwargs={"org_id": world.org.pk, "scan_id": scan.pk})
    assert client_for(world.viewer).get(url).status_code == 403
    assert client_for(world.outsider).get(url).status_code == 404
    assert not AuditEvent.objects.exists()


def test_the_owner_sees_downloads_in_the_audit_log(world: World, scan: Scan) -> None:
    client = client_for(world.owner)
    client.get(reverse("results:csv", kwargs={"org_id": world.org.pk, "scan_id": scan.pk}))
    page = client.get(reverse("governance:audit", kwargs={"org_id": world.org.pk}))
    assert page.status_code == 200
    assert "figures.csv" in page.content.decode() and world.owner.email in page.content.decode()
