"""A 3-person department (k = 5): nothing about it can be read or derived anywhere.

Every tab in both languages, every filter (offered or typed by hand), the PDF (text via
pypdf), the workbook, the CSVs, the anonymised answers and the JSON are searched: the
department appears at most as a name in a pooled group, never next to a figure or a
count, and no combination of the sets the pages show isolates its members.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from html.parser import HTMLParser
from typing import Any

import numpy as np
import openpyxl
import pytest
from django.urls import reverse
from pypdf import PdfReader
from webtest_helpers import World, client_for

from tandem.filters import displayed_sets, responses_profile
from tandem.io.demo import generate_responses
from tandem.web.results.selectors import filtered_result, scan_analysis, scan_responses
from tandem.web.results.testing import closed_scan_with
from tandem.web.scans.models import Scan

LABELS = ("Commercial management", "Commercieel management")
TABS = ("scan", "tensions", "gaps", "decisions", "journey", "comments", "method", "compare",
        "downloads")
DIGIT = re.compile(r"\d")


@pytest.fixture
def scan(world: World) -> Scan:
    frame = generate_responses(64, 5, "default", settings=frozenset({"should_decide"}))
    departments = frame["department"].to_numpy(dtype=object)
    departments[departments == "management"] = "sales"
    departments[:3] = "management"
    frame["department"] = departments
    level = frame["level"].to_numpy(dtype=object)
    level[level == "director"] = "manager"
    level[:3] = "director"  # the three are the only directors ...
    frame["level"] = level
    tenure = frame["tenure"].to_numpy(dtype=object)
    tenure[tenure == "gt10"] = "3to10"
    tenure[:3] = "gt10"  # ... and the only ones here for more than ten years
    frame["tenure"] = tenure
    return closed_scan_with(organisation=world.org, actor=world.owner, frame=frame, k=5)


class _Blocks(HTMLParser):
    """Text per block (table row, list item, paragraph, heading, option)."""

    BLOCKS = frozenset({"tr", "li", "p", "h1", "h2", "h3", "h4", "option", "summary",
                        "caption", "figcaption", "title", "desc", "text", "optgroup"})

    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[str] = []
        self.current: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.BLOCKS:
            self._flush()
        for name, value in attrs:  # labels in attributes (optgroup, aria-label) count too
            if value and name in ("label", "aria-label"):
                self.blocks.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        self.current.append(data)

    def _flush(self) -> None:
        text = " ".join("".join(self.current).split())
        if text:
            self.blocks.append(text)
        self.current = []


def _no_figure_next_to_label(blocks: list[str], where: str) -> None:
    for block in blocks:
        if any(label in block for label in LABELS):
            assert not DIGIT.search(block), f"{where}: {block!r}"


def _walk_groups(value: Any) -> list[str]:
    found: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "group" and isinstance(item, str):
                found.append(item)
            found += _walk_groups(item)
    elif isinstance(value, list):
        for item in value:
            found += _walk_groups(item)
    return found


def test_the_small_department_is_pooled_and_no_filter_isolates_it(scan: Scan) -> None:
    analysis = scan_analysis(scan=scan)
    result = analysis.result
    ids = {g.id for g in result.meta.groups}
    assert "management" not in ids
    pooled = [g for g in result.meta.groups if "management" in g.members]
    assert pooled and pooled[0].n >= 5 + 3  # pooled with at least k others
    offered = {(v.dimension, v.value) for v in analysis.filters.offered()}
    assert ("department", "management") not in offered
    assert ("level", "director") not in offered and ("tenure", "gt10") not in offered
    assert ("department", "other") not in offered  # pooled minus other = the three
    # Every set the pages can show, checked against the diagnoses the pages really show.
    responses = scan_responses(scan=scan)
    profile = responses_profile(responses)
    sets = displayed_sets(profile, scan.k, analysis.filters)
    for value in analysis.filters.offered():
        filtered = filtered_result(scan=scan, dimension=value.dimension, value=value.value)
        assert filtered is not None and filtered.meta.n is not None
        assert filtered.meta.n in {int(s.sum()) for s in sets}
        for group in filtered.meta.groups:
            assert group.id != "management"
            assert group.n in {int(s.sum()) for s in sets}
    members = np.flatnonzero(np.array([d == "management" for d in profile["department"]]))
    matrix = np.column_stack(sets).T.astype(float)
    rank = np.linalg.matrix_rank(matrix)
    for person in members:  # not one of them, nor any two or all three, is derivable
        for chosen in ([person], [m for m in members if m != person], list(members)):
            x = np.zeros(responses.n)
            x[chosen] = 1.0
            assert np.linalg.matrix_rank(np.vstack([matrix, x])) > rank


def test_no_page_filter_or_download_shows_a_figure_for_it(world: World, scan: Scan) -> None:
    analysis = scan_analysis(scan=scan)
    client = client_for(world.owner)
    kwargs = {"org_id": world.org.pk, "scan_id": scan.pk}
    filters = ["", *[f"{v.dimension}:{v.value}" for v in analysis.filters.offered()],
               "department:management", "level:director", "tenure:gt10", "department:other"]
    for lang in ("en", "nl"):
        client.post(reverse("set_language"), {"language": lang})
        for tab in TABS:
            for chosen in filters:
                page = client.get(reverse(f"results:{tab}", kwargs=kwargs),
                                  {"filter": chosen} if chosen else {})
                assert page.status_code == 200
                parser = _Blocks()
                parser.feed(page.content.decode())
                _no_figure_next_to_label(parser.blocks, f"{tab} {chosen} {lang}")
                html = page.content.decode()
                assert 'value="department:management"' not in html
                assert 'value="level:director"' not in html
                if chosen in ("department:management", "level:director", "tenure:gt10"):
                    assert "Gefilterd" not in html and "Filtered:" not in html

        pdf = client.get(reverse("results:pdf", kwargs={**kwargs, "lang": lang})).content
        text = "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages)
        _no_figure_next_to_label(text.splitlines(), f"pdf {lang}")

        book = openpyxl.load_workbook(io.BytesIO(client.get(
            reverse("results:xlsx", kwargs=kwargs)).content), read_only=True)
        for sheet in book.worksheets:
            for row in sheet.iter_rows(values_only=True):
                cells = [c for c in row if c is not None]
                if any(isinstance(c, str) and any(lb in c for lb in LABELS) for c in cells):
                    assert not any(isinstance(c, (int, float)) for c in cells), (sheet.title, row)
                assert "management" not in [c for c in cells if isinstance(c, str)][:1] or \
                    sheet.title.lower().startswith(("beslis", "decision", "klant", "journey"))

    figures = client.get(reverse("results:csv", kwargs=kwargs)).content.decode("utf-8-sig")
    groups = {row["group"] for row in csv.DictReader(io.StringIO(figures))}
    assert "management" not in groups
    data = json.loads(client.get(reverse("results:scan_json", kwargs=kwargs)).content)
    # Only the pooling note names it ({"what": "group", "reason": "pooled"}), with no size.
    notes = [n for n in data["suppressed"] if n["group"] == "management"]
    assert notes and all(n["reason"] == "pooled" and set(n) == {"what", "group", "subject",
                                                                  "reason"} for n in notes)
    assert "management" not in set(_walk_groups({**data, "suppressed": []}))
    bundle = zipfile.ZipFile(io.BytesIO(client.get(reverse("results:responses",
                                                           kwargs=kwargs)).content))
    rows = list(csv.DictReader(io.StringIO(bundle.read("data.csv").decode("utf-8-sig"))))
    assert "management" not in {r["department"] for r in rows}
    # Level and tenure would single the three out: the export blanks them.
    assert "director" not in {r.get("level") for r in rows}
    assert "gt10" not in {r.get("tenure") for r in rows}
    # The research export holds the same rows, coded: management is 4, director 3, gt10 4.
    research = zipfile.ZipFile(io.BytesIO(client.get(reverse(
        "results:research", kwargs={**kwargs, "fmt": "csv"})).content))
    coded = list(csv.DictReader(io.StringIO(research.read("data.csv").decode("utf-8-sig"))))
    assert len(coded) == len(rows)
    assert "4" not in {r["department"] for r in coded}
    assert "3" not in {r["level"] for r in coded}
    assert "4" not in {r["tenure"] for r in coded}
