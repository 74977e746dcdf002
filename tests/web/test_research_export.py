"""The research export on a scan's downloads: a ZIP per format (data file, codebook.md,
codebook.json) for owners only, audited like the anonymised answers; the organisation a
pseudonymous code, the wave the scan's place among the organisation's closed scans, each
row's language the one the respondent answered in."""

from __future__ import annotations

import io
import json
import tempfile
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

import pyreadstat
import pytest
from django.urls import reverse
from webtest_helpers import World, client_for

from tandem.io.demo import generate_responses
from tandem.web.governance.models import AuditAction, AuditEvent
from tandem.web.responses.models import Response
from tandem.web.results.selectors import organisation_code, scan_wave
from tandem.web.results.testing import closed_scan_with
from tandem.web.scans.models import Scan

SETTINGS = frozenset({"should_decide"})  # as closed_scan_with's scans ask


@pytest.fixture
def waves(world: World) -> tuple[Scan, Scan]:
    """Two closed waves of the same organisation; in the second, Customer Service answered
    in English (so no combination of group and language is small)."""
    first = closed_scan_with(organisation=world.org, actor=world.owner, title="Wave 1",
                             frame=generate_responses(40, 3, "default", settings=SETTINGS))
    second = closed_scan_with(organisation=world.org, actor=world.owner, title="Wave 2",
                              frame=generate_responses(60, 4, "default", settings=SETTINGS))
    rows = list(Response.objects.filter(scan=second))
    for response in rows:
        response.language = "en" if response.answers.get("department") == "service" else "nl"
    Response.objects.bulk_update(rows, ["language"])
    return first, second


def _url(world: World, scan: Scan, fmt: str) -> str:
    return reverse("results:research", kwargs={"org_id": world.org.pk, "scan_id": scan.pk,
                                               "fmt": fmt})


def _read(archive: zipfile.ZipFile, name: str) -> tuple[Any, Any]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(archive.read(name))
        if name.endswith(".sav"):
            return pyreadstat.read_sav(str(path), user_missing=True)
        return pyreadstat.read_dta(str(path), user_missing=True)


@pytest.mark.parametrize("fmt", ["sav", "dta", "csv"])
def test_the_owner_gets_a_zip_per_format(world: World, waves: tuple[Scan, Scan],
                                         fmt: str) -> None:
    second = waves[1]
    before = AuditEvent.objects.count()
    response = client_for(world.owner).get(_url(world, second, fmt))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert f"tandem-research-{second.pk}-{fmt}.zip" in response["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert sorted(archive.namelist()) == ["codebook.json", "codebook.md", f"data.{fmt}"]
    book = json.loads(archive.read("codebook.json"))
    assert book["export"]["format"] == fmt and book["export"]["rows"] == 60
    event: Any = AuditEvent.objects.order_by("-pk").first()
    assert AuditEvent.objects.count() == before + 1
    assert (event.action, event.detail) == (AuditAction.EXPORT, f"research-{fmt}.zip")
    assert b"Acme" not in archive.read(f"data.{fmt}")


def test_origin_variables_come_from_the_scan(world: World, waves: tuple[Scan, Scan]) -> None:
    first, second = waves
    assert (scan_wave(scan=first), scan_wave(scan=second)) == (1, 2)
    code = organisation_code(world.org)
    assert len(code) == 12 and code != organisation_code(world.other_org)
    assert code == organisation_code(world.org)  # stable
    archive = zipfile.ZipFile(io.BytesIO(client_for(world.owner).get(
        _url(world, second, "sav")).content))
    frame, meta = _read(archive, "data.sav")
    assert set(frame.organisation) == {code}
    assert set(frame.wave) == {2.0}
    languages = Counter(Response.objects.filter(scan=second).values_list("language", flat=True))
    assert Counter(frame.language) == {1.0: languages["nl"], 2.0: languages["en"]}
    assert languages["en"] > 0
    assert meta.variable_value_labels["language"] == {1.0: "Nederlands", 2.0: "Engels"}
    assert "open_friction" not in frame.columns and "segment" not in frame.columns


def test_refused_to_everyone_but_owners(world: World, waves: tuple[Scan, Scan]) -> None:
    url = _url(world, waves[1], "dta")
    assert client_for(world.facilitator).get(url).status_code == 403
    assert client_for(world.viewer).get(url).status_code == 403
    assert client_for(world.outsider).get(url).status_code == 404
    assert not AuditEvent.objects.exists()


def test_an_unknown_format_or_too_few_answers_give_nothing(world: World,
                                                           waves: tuple[Scan, Scan]) -> None:
    client = client_for(world.owner)
    assert client.get(_url(world, waves[1], "xlsx")).status_code == 404
    few = closed_scan_with(organisation=world.org, actor=world.owner, title="Few",
                           frame=generate_responses(3, 5, "default", settings=SETTINGS))
    assert client.get(_url(world, few, "sav")).status_code == 404
    assert not AuditEvent.objects.exists()


def test_the_downloads_page_offers_it_to_owners_only(world: World,
                                                     waves: tuple[Scan, Scan]) -> None:
    url = reverse("results:downloads", kwargs={"org_id": world.org.pk,
                                               "scan_id": waves[1].pk})
    owner = client_for(world.owner).get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    for fmt in ("sav", "dta", "csv"):
        assert _url(world, waves[1], fmt) in owner
    viewer = client_for(world.viewer).get(url).content.decode()
    assert "research-" not in viewer
