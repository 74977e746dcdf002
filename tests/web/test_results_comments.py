"""The Comments tab, the PDF and the workbook show open answers as the core split them:
under a department where it alone wrote enough, otherwise departments together."""

from __future__ import annotations

import io
import re

import pandas as pd
import pypdf
import pytest
from django.urls import reverse
from openpyxl import load_workbook
from webtest_helpers import World, client_for

from tandem.io.demo import generate_responses
from tandem.web.results.selectors import scan_result
from tandem.web.results.testing import closed_scan_with
from tandem.web.scans.models import Scan

# department -> how many of its people answer the first open question
WRITERS = {"sales": 12, "marketing": 10, "service": 6, "management": 5}


def _frame() -> pd.DataFrame:
    frame = generate_responses(90, 21, "default", settings=frozenset({"should_decide"}))
    frame["open_friction"] = ""
    frame["open_change"] = ""
    written = dict.fromkeys(WRITERS, 0)
    for index, department in frame["department"].items():
        if written.get(department, 99) < WRITERS.get(department, 0):
            frame.loc[index, "open_friction"] = f"Note{department}{written[department]}"
            written[department] += 1
    assert written == WRITERS, written
    return frame


@pytest.fixture
def scan(world: World) -> Scan:
    return closed_scan_with(organisation=world.org, actor=world.owner, frame=_frame())


def _sections(html: str) -> dict[str, set[str]]:
    """Each set's heading on the Comments tab -> the departments its notes come from."""
    found: dict[str, set[str]] = {}
    for heading, body in re.findall(r'<h4 class="comment-source">([^<]+)</h4>\s*'
                                    r'<ul class="comments">(.*?)</ul>', html, re.S):
        found[heading] = set(re.findall(r"Note([a-z]+)\d+", body))
    return found


@pytest.mark.parametrize(("lang", "pooled"), [
    ("en", "Customer Service, Commercial management, together"),
    ("nl", "Customer Service, Commercieel management, samen"),
])
def test_comments_tab_names_the_group_or_the_pool(world: World, scan: Scan, lang: str,
                                                  pooled: str) -> None:
    result = scan_result(scan=scan)
    groups = [(c.groups, len(c.texts)) for c in result.comments if c.question == "open_friction"]
    assert groups == [(("sales",), 12), (("marketing",), 10), (("service", "management"), 11)]

    client = client_for(world.viewer)
    client.post(reverse("set_language"), {"language": lang})
    html = client.get(reverse("results:comments", kwargs={
        "org_id": scan.organisation_id, "scan_id": scan.pk})).content.decode()
    assert _sections(html) == {"Sales": {"sales"}, "Marketing": {"marketing"},
                               pooled: {"service", "management"}}
    assert html.count("Notsales") == 0 and html.count("Notesales") == 12


def test_the_pdf_and_workbook_show_the_same_split(world: World, scan: Scan) -> None:
    client = client_for(world.viewer)
    kwargs = {"org_id": scan.organisation_id, "scan_id": scan.pk}
    pdf = client.get(reverse("results:pdf", kwargs={**kwargs, "lang": "en"})).content
    text = " ".join((p.extract_text() or "") for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    text = " ".join(text.split())
    sets = re.findall(r"(Sales|Marketing|Customer Service, Commercial management, together)"
                      r" ((?:Note[a-z]+\d+ ?)+)", text)
    assert [(source, set(re.findall(r"Note([a-z]+)", notes)), len(notes.split()))
            for source, notes in sets] == [
        ("Sales", {"sales"}, 12), ("Marketing", {"marketing"}, 10),
        ("Customer Service, Commercial management, together", {"service", "management"}, 11)]

    book = load_workbook(io.BytesIO(client.get(reverse("results:xlsx", kwargs=kwargs)).content))
    sheet = next(ws for ws in book.worksheets if ws.title in ("Open answers", "Open antwoorden"))
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    sources = {str(text_)[4:].rstrip("0123456789"): source for _q, text_, source in rows}
    assert sources["sales"] == "Sales" and sources["marketing"] == "Marketing"
    assert sources["service"] == sources["management"] != "Sales"
