"""The research exports in the REST API: one scan's (owners, as on the results page) and
the pool (users with the research permission): who may, what comes back, the audit."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from research_helpers import consent, members, read_data, researcher, scan
from webtest_helpers import World

from tandem.web.api.services import token_create
from tandem.web.governance.models import AuditAction, AuditEvent
from tandem.web.organisations.models import Membership, Role
from tandem.web.research.models import Pool, ResearchCode
from tandem.web.scans.models import Scan

PROBLEM = "application/problem+json"


@pytest.fixture(autouse=True)
def _clear_counters(db: None) -> None:
    cache.clear()


@pytest.fixture
def closed(world: World) -> Scan:
    made = scan(world.org, world.owner, 30, 5, title="Closed wave")
    consent(world.org, world.owner)
    return made


def _api(world: World, role: str = "owner", user: Any = None) -> Client:
    user = user or world.user(role)
    secret = token_create(organisation=world.org, user=user).secret
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


def _body(response: Any) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_one_scans_research_export_for_owners(world: World, closed: Scan) -> None:
    url = f"/api/v1/scans/{closed.pk}/exports/research.dta.zip"
    response = _api(world).get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    files = members(_body(response))
    assert sorted(files) == ["codebook.json", "codebook.md", "data.dta"]
    frame, meta = read_data("data.dta", files["data.dta"])
    assert len(frame) == 30 and meta.column_names_to_labels["language"].startswith("Language")
    event = AuditEvent.objects.filter(action=AuditAction.EXPORT).get()
    assert event.detail == "api research-dta.zip"
    for role in ("facilitator", "viewer"):
        refused = _api(world, role).get(url)
        assert refused.status_code == 403 and refused["Content-Type"] == PROBLEM
    assert _api(world).get(f"/api/v1/scans/{closed.pk}/exports/research.xlsx.zip"
                           ).status_code == 404
    other = f"/api/v1/scans/{world.other_scan.pk}/exports/research.sav.zip"
    assert _api(world).get(other).status_code == 404
    few = scan(world.org, world.owner, 3, 6, title="Few")
    assert _api(world).get(f"/api/v1/scans/{few.pk}/exports/research.csv.zip"
                           ).status_code == 409
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT).count() == 1


def test_the_pool_for_researchers_only(world: World, closed: Scan,
                                       django_capture_on_commit_callbacks: Any) -> None:
    owner = _api(world)
    for path in ("/api/v1/research/pool.csv.zip", "/api/v1/research/pools"):
        refused = owner.get(path)
        assert refused.status_code == 403 and refused["Content-Type"] == PROBLEM
    assert owner.post("/api/v1/research/pools", {"format": "sav"},
                      content_type="application/json").status_code == 403
    assert not Pool.objects.exists()
    someone = researcher()
    Membership.objects.create(organisation=world.org, user=someone, role=Role.VIEWER)
    client = _api(world, user=someone)
    streamed = client.get("/api/v1/research/pool.csv.zip", HTTP_ACCEPT_LANGUAGE="nl")
    assert streamed.status_code == 200 and streamed.streaming
    frame, _meta = read_data("data.csv", members(_body(streamed))["data.csv"])
    assert set(frame.organisation) == {ResearchCode.objects.get().code} and len(frame) == 30
    with django_capture_on_commit_callbacks(execute=True):
        asked = client.post("/api/v1/research/pools", {"format": "sav", "language": "en"},
                            content_type="application/json")
    assert asked.status_code == 202
    pool = json.loads(asked.content)
    status = json.loads(client.get(f"/api/v1/research/pools/{pool['id']}").content)
    assert (status["status"], status["respondents"], status["organisations"]) == (
        "ready", 30, 1)
    assert status["file"].endswith(f"/api/v1/research/pools/{pool['id']}/file")
    files = members(_body(client.get(f"/api/v1/research/pools/{pool['id']}/file")))
    frame, meta = read_data("data.sav", files["data.sav"])
    assert len(frame) == 30 and meta.variable_value_labels["size_band"][3] == "50–249"
    listed = json.loads(client.get("/api/v1/research/pools").content)
    assert [p["id"] for p in listed] == [pool["id"], pool["id"] - 1]  # the file, the stream
    assert client.post("/api/v1/research/pools", {"format": "xlsx"},
                       content_type="application/json").status_code == 422
    assert owner.get(f"/api/v1/research/pools/{pool['id']}").status_code == 403
