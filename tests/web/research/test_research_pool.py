"""The research pool, made through the web as a researcher gets it and read back as an
analyst reads it: exactly the consenting organisations' publishable respondents (the
rows of each scan's one-scan research export, computed here the independent way: from
the scan's full diagnosis), the variables the issue names, no free text, e-mail or
timestamp finer than the month; a code per organisation that its id, slug or name do
not give; a revoked organisation in no later pool, a pool made before unchanged."""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import shutil
import subprocess
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from research_helpers import consent, members, organisation, read_data, researcher, scan
from webtest_helpers import World, client_for

from tandem.context import EMPLOYEE_BANDS, SECTORS
from tandem.instrument import load_instrument
from tandem.report.research import research_data
from tandem.report.research.data import ORIGIN
from tandem.report.research.pool import ORGANISATION_VARIABLES
from tandem.web.accounts.models import User
from tandem.web.organisations.models import Organisation
from tandem.web.research.models import Pool, PoolStatus, ResearchCode
from tandem.web.research.services import consent_revoke
from tandem.web.results.selectors import organisation_code, scan_responses, shown_result
from tandem.web.scans.models import Scan

Capture = Callable[..., AbstractContextManager[object]]
INSTRUMENT = load_instrument()
FREE_TEXT = {i.id for i in INSTRUMENT.items if i.options is None}
QUESTIONS = [i.id for i in INSTRUMENT.items if i.options is not None]


@dataclass(frozen=True)
class Pooled:
    a: Organisation  # consents: two waves, the second with a department below k
    b: Organisation  # consents, but its only scan is below k: no rows
    c: Organisation  # never consents
    a1: Scan
    a2: Scan
    researcher: User


@pytest.fixture
def pooled(world: World) -> Pooled:
    a = organisation("Alpha Research BV", world.owner, sector="ict", employees="50-249")
    b = organisation("Beta BV", world.owner)
    c = organisation("Gamma BV", world.owner, sector="ict", employees="50-249")
    a1 = scan(a, world.owner, 30, 1, title="A wave 1")
    a2 = scan(a, world.owner, 40, 2, title="A wave 2", small="management")
    scan(b, world.owner, 3, 3, title="B only")
    scan(c, world.owner, 30, 4, title="C wave")
    consent(a, world.owner)
    consent(b, world.owner)
    return Pooled(a, b, c, a1, a2, researcher())


def _prepare(client: Client, fmt: str, language: str, capture: Capture) -> None:
    """Ask for a pool; its task runs when the request's transaction commits (at once:
    tests use the immediate task back-end)."""
    with capture(execute=True):
        assert client.post(reverse("research:pool"), {"fmt": fmt, "language": language}
                           ).status_code == 302


def _code(org: Organisation) -> str:
    return ResearchCode.objects.get(organisation=org).code


def _expected(s: Scan) -> pd.DataFrame:
    """The scan's one-scan research export, from its full diagnosis (shown_result)."""
    data = research_data(scan_responses(scan=s), shown_result(scan=s), lang="en",
                         organisation="x", wave=1)
    assert data is not None
    return data.frame


def _stream(user: User, lang: str = "en") -> dict[str, bytes]:
    response = client_for(user).get(reverse("research:pool_stream", kwargs={"lang": lang}))
    assert response.status_code == 200
    assert response.streaming and response["Content-Type"] == "application/zip"
    return members(b"".join(response.streaming_content))  # type: ignore[attr-defined]


def test_the_csv_holds_exactly_the_consenting_publishable_rows(pooled: Pooled) -> None:
    files = _stream(pooled.researcher)
    assert sorted(files) == ["codebook.json", "codebook.md", "data.csv"]
    frame, _meta = read_data("data.csv", files["data.csv"])
    assert list(frame.columns) == [*ORIGIN, *ORGANISATION_VARIABLES, *QUESTIONS]
    assert set(frame.organisation) == {_code(pooled.a)}  # b is below k, c never consented
    for wave, s in ((1, pooled.a1), (2, pooled.a2)):
        rows = frame[frame.wave == wave].reset_index(drop=True)
        expected = _expected(s)
        assert len(rows) == len(expected)
        for name in expected.columns:  # the same rows, in the same (shuffled) order
            if name not in ORIGIN:
                assert np.array_equal(rows[name].to_numpy(dtype=float),
                                      expected[name].to_numpy(dtype=float),
                                      equal_nan=True), name
    # the second wave's 2-person department is in no figure, so in no row
    assert len(frame[frame.wave == 2]) == 38
    assert set(frame.sector) == {SECTORS.index("ict") + 1}
    assert set(frame.size_band) == {EMPLOYEE_BANDS.index("50-249") + 1}
    book = json.loads(files["codebook.json"])
    assert (book["pool"]["organisations"], book["pool"]["scans"],
            book["pool"]["rows"]) == (1, 2, 68)
    assert any("k" in rule for rule in book["pool"]["rules"])
    assert {v["name"] for v in book["variables"]} == set(frame.columns)


def test_no_free_text_no_email_no_time_finer_than_the_month(pooled: Pooled) -> None:
    files = _stream(pooled.researcher)
    frame, _meta = read_data("data.csv", files["data.csv"])
    assert not FREE_TEXT & set(frame.columns)
    assert all(re.fullmatch(r"20\d\d-(0[1-9]|1[0-2])", m) for m in frame.month)
    text = files["data.csv"].decode("utf-8-sig")
    assert "@" not in text and "Alpha" not in text
    assert not re.search(r"\d{4}-\d\d-\d\d|\d\d:\d\d", text)
    text_columns = [c for c in frame.columns if not pd.api.types.is_numeric_dtype(frame[c])]
    assert sorted(text_columns) == ["month", "organisation"]  # codes; the version is 1


def test_spss_and_stata_are_made_in_the_background_with_labels(
        pooled: Pooled, django_capture_on_commit_callbacks: Capture) -> None:
    client = client_for(pooled.researcher)
    url = reverse("research:pool")
    for fmt in ("sav", "dta"):
        _prepare(client, fmt, "nl", django_capture_on_commit_callbacks)
    pools = list(Pool.objects.order_by("pk"))
    assert [(p.fmt, p.status, p.organisations, p.respondents) for p in pools] == [
        ("sav", PoolStatus.READY, 1, 68), ("dta", PoolStatus.READY, 1, 68)]
    page = client.get(url).content.decode()
    for made in pools:
        download = reverse("research:pool_download", kwargs={"pool_id": made.pk})
        assert download in page
        files = members(b"".join(client.get(download).streaming_content))  # type: ignore[attr-defined]
        frame, meta = read_data(f"data.{made.fmt}", files[f"data.{made.fmt}"])
        assert len(frame) == 68 and set(frame.organisation) == {_code(pooled.a)}
        labels = meta.variable_value_labels
        assert labels["sector"][SECTORS.index("ict") + 1] == "ICT, media en telecom (J)"
        assert labels["size_band"][EMPLOYEE_BANDS.index("50-249") + 1] == "50–249"
        assert meta.column_names_to_labels["month"] == "Maand waarin de scan sloot (JJJJ-MM)"
    assert Pool.objects.get(pk=pools[0].pk).downloads == 1


def test_a_revoked_organisation_leaves_later_pools_only(
        pooled: Pooled, world: World, django_capture_on_commit_callbacks: Capture) -> None:
    client = client_for(pooled.researcher)
    _prepare(client, "csv", "en", django_capture_on_commit_callbacks)
    before = Pool.objects.get()
    consent_revoke(organisation=pooled.a, user=world.owner)
    assert set(read_data("data.csv", _stream(pooled.researcher)["data.csv"])[0]
               .organisation) == set()
    download = reverse("research:pool_download", kwargs={"pool_id": before.pk})
    kept = members(b"".join(client.get(download).streaming_content))  # type: ignore[attr-defined]
    assert set(read_data("data.csv", kept["data.csv"])[0].organisation) == {_code(pooled.a)}
    streamed = Pool.objects.filter(status=PoolStatus.STREAMED).get()
    assert (streamed.organisations, streamed.respondents) == (0, 0)


def test_the_code_is_random_not_derived_from_id_slug_or_name(pooled: Pooled,
                                                             world: World) -> None:
    org = pooled.a
    code = _code(org)
    assert re.fullmatch(r"[a-z][a-z0-9]{11}", code)  # never read as a number
    assert code != organisation_code(org)  # not the owner's one-scan export code
    key = settings.SECRET_KEY.encode()
    for value in (str(org.pk), org.slug, org.name):
        assert code != value and code not in value
        assert len(value) < 4 or value.lower() not in code
        for digest in (hashlib.sha256(value.encode()).hexdigest(),
                       hashlib.md5(value.encode()).hexdigest(),
                       hmac.new(key, value.encode(), hashlib.sha256).hexdigest()):
            assert code not in digest
    # the same organisation (same id, slug, name) given a code again gets another one
    ResearchCode.objects.filter(organisation=org).delete()
    consent_revoke(organisation=org, user=world.owner)
    consent(org, world.owner)
    assert _code(org) != code


def test_only_researchers(pooled: Pooled, world: World,
                          django_capture_on_commit_callbacks: Capture) -> None:
    for user in (world.owner, world.viewer):
        client = client_for(user)
        assert client.get(reverse("research:pool")).status_code == 403
        assert client.get(reverse("research:pool_stream", kwargs={"lang": "en"})
                          ).status_code == 403
    anonymous = client_for(None).get(reverse("research:pool"))
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    _prepare(client_for(pooled.researcher), "csv", "en", django_capture_on_commit_callbacks)
    other = researcher("another-researcher@example.org")
    made = Pool.objects.get()
    url = reverse("research:pool_download", kwargs={"pool_id": made.pk})
    assert client_for(other).get(url).status_code == 404
    assert not Pool.objects.filter(requested_by=world.owner).exists()


R_SCRIPT = """
library(haven)
args <- commandArgs(trailingOnly = TRUE)
sav <- read_sav(args[1], user_na = TRUE)
dta <- read_dta(args[2])
cat(nrow(sav), nrow(dta), "\\n")
cat(attr(sav$sector, "label"), "\\n")
labels <- attr(sav$sector, "labels")
cat(names(labels)[labels == 3], "\\n")
cat(names(attr(dta$size_band, "labels"))[attr(dta$size_band, "labels") == 3], "\\n")
cat(unique(as.character(sav$organisation)), "\\n")
"""


@pytest.mark.skipif(shutil.which("Rscript") is None, reason="Rscript is not installed here "
                    "(apt-get install r-base-core r-cran-haven; .ci/run installs it)")
def test_r_haven_reads_the_pool(pooled: Pooled, tmp_path: Path,
                                django_capture_on_commit_callbacks: Capture) -> None:
    client = client_for(pooled.researcher)
    paths = []
    for fmt in ("sav", "dta"):
        _prepare(client, fmt, "en", django_capture_on_commit_callbacks)
        made = Pool.objects.filter(fmt=fmt).get()
        files = members(b"".join(client.get(reverse(  # type: ignore[attr-defined]
            "research:pool_download", kwargs={"pool_id": made.pk})).streaming_content))
        path = tmp_path / f"data.{fmt}"
        path.write_bytes(files[f"data.{fmt}"])
        paths.append(str(path))
    script = tmp_path / "read.R"
    script.write_text(R_SCRIPT)
    out = subprocess.run(["Rscript", str(script), *paths], capture_output=True, text=True,
                         check=True, timeout=120).stdout.splitlines()
    assert [line.strip() for line in out] == [
        "68 68", "The organisation's sector", "ICT, media and telecoms (J)", "50–249",
        _code(pooled.a)]


@pytest.mark.parametrize(("lang", "says", "never"), [
    ("en", "Research pool", "Onderzoekspool"), ("nl", "Onderzoekspool", "Research pool")])
def test_the_pool_page_in_each_language(pooled: Pooled, lang: str, says: str,
                                        never: str) -> None:
    page = client_for(pooled.researcher).get(reverse("research:pool"),
                                             HTTP_ACCEPT_LANGUAGE=lang).content.decode()
    assert says in page and never not in page
    assert ("2 organisations consent" if lang == "en" else "2 organisaties doen") in page
