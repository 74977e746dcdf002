"""Two small departments whose pool stays below k (k = 5): they are left out of every
figure, every page says so (without their number), and nothing derives them."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import numpy as np
import pytest
from django.urls import reverse
from pypdf import PdfReader
from webtest_helpers import World, client_for

from tandem.filters import displayed_sets, responses_profile
from tandem.io.demo import generate_responses
from tandem.web.results.selectors import filtered_result, scan_analysis, scan_responses
from tandem.web.results.testing import closed_scan_with
from tandem.web.scans.models import Scan

SIZES = {"sales": 20, "marketing": 14, "service": 2, "management": 2}
SHOWN = 34
NOTE = {"en": "Left out: Customer Service, Commercial management.",
        "nl": "Niet meegeteld: Customer Service, Commercieel management."}
TABS = ("scan", "tensions", "gaps", "decisions", "journey", "comments", "method")


@pytest.fixture
def scan(world: World) -> Scan:
    frame = generate_responses(sum(SIZES.values()), 8, "default",
                               settings=frozenset({"should_decide"}))
    frame["department"] = [d for d, n in SIZES.items() for _ in range(n)]
    return closed_scan_with(organisation=world.org, actor=world.owner, frame=frame, k=5)


def test_the_small_pool_is_left_out_and_no_filter_derives_it(scan: Scan) -> None:
    analysis = scan_analysis(scan=scan)
    result = analysis.result
    assert result.withheld_groups() == ("service", "management")
    assert [(g.id, g.n) for g in result.meta.groups] == [("sales", 20), ("marketing", 14)]
    assert result.meta.n == SHOWN
    responses = scan_responses(scan=scan)
    profile = responses_profile(responses)
    sets = displayed_sets(profile, scan.k, analysis.filters)
    sizes = {int(s.sum()) for s in sets}
    for value in analysis.filters.offered():
        filtered = filtered_result(scan=scan, dimension=value.dimension, value=value.value)
        assert filtered is not None and filtered.meta.n in sizes
        assert all(g.n in sizes for g in filtered.meta.groups)
    left_out = np.flatnonzero(np.isin(profile["department"], ["service", "management"]))
    matrix = np.column_stack(sets).T.astype(float)
    rank = np.linalg.matrix_rank(matrix)
    for chosen in ([left_out[0]], list(left_out[:2]), list(left_out)):
        x = np.zeros(responses.n)
        x[chosen] = 1.0
        assert np.linalg.matrix_rank(np.vstack([matrix, x])) > rank, chosen


def test_every_page_the_pdf_and_the_downloads_say_who_was_left_out(
    world: World, scan: Scan,
) -> None:
    client = client_for(world.owner)
    kwargs = {"org_id": world.org.pk, "scan_id": scan.pk}
    for lang in ("en", "nl"):
        client.post(reverse("set_language"), {"language": lang})
        for tab in TABS:
            html = client.get(reverse(f"results:{tab}", kwargs=kwargs)).content.decode()
            assert NOTE[lang] in html, (tab, lang)
        pdf = client.get(reverse("results:pdf", kwargs={**kwargs, "lang": lang})).content
        text = " ".join(" ".join((p.extract_text() or "").split())
                        for p in PdfReader(io.BytesIO(pdf)).pages)
        assert NOTE[lang] in text
    data = json.loads(client.get(reverse("results:scan_json", kwargs=kwargs)).content)
    assert data["meta"]["n"] == SHOWN
    notes = [n for n in data["suppressed"] if n["reason"] == "withheld"]
    assert [n["group"] for n in notes] == ["service", "management"]
    assert all(set(n) == {"what", "group", "subject", "reason"} for n in notes)  # no size
    bundle = zipfile.ZipFile(io.BytesIO(client.get(reverse("results:responses",
                                                           kwargs=kwargs)).content))
    rows = list(csv.DictReader(io.StringIO(bundle.read("data.csv").decode("utf-8-sig"))))
    assert len(rows) == SHOWN
    assert {r["department"] for r in rows} == {"sales", "marketing"}
