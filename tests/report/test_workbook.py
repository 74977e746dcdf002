"""The Excel workbook: a sheet per section, the result's figures, nothing withheld, no formulas."""

from __future__ import annotations

import dataclasses
import io

import openpyxl
import pytest

from tandem.analysis.diagnose import diagnose
from tandem.contract.result import CommentSet
from tandem.report.workbook import SHEETS, render_workbook
from tests.report import SMALL_DEPARTMENT, demo_frame, demo_result, responses_of


def open_book(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_sheet_per_section_in_the_chosen_language(lang: str) -> None:
    book = open_book(render_workbook(demo_result(), lang))
    expected = [SHEETS[k](lang) for k in SHEETS if k != "mirror"]  # only with a mirror
    assert book.sheetnames == expected
    header = [c.value for c in book[SHEETS["scales"](lang)][1]]
    assert ("Schaal" if lang == "nl" else "Scale") in header


def test_figures_equal_the_result() -> None:
    result = demo_result()
    book = open_book(render_workbook(result, "en"))
    scales = book["Scales"]
    by_id = {row[0].value: row for row in scales.iter_rows(min_row=2)}
    for s in result.scales:
        row = by_id[s.id]
        assert row[4].value == s.n
        assert row[5].value == pytest.approx(s.score)
        assert row[9].value == (pytest.approx(s.tension) if s.tension is not None else None)
    gaps = list(book["Gaps"].iter_rows(min_row=2, values_only=True))
    assert len(gaps) == len(result.gaps)
    largest = max((g for g in result.gaps if g.notable), key=lambda g: abs(g.difference))
    assert gaps[0][8] == pytest.approx(largest.difference)
    summary = {r[0]: r[1] for r in book["Summary"].iter_rows(min_row=2, values_only=True)}
    assert result.phase is not None and result.target is not None
    assert summary["Phase (ladder)"] == result.phase.ladder.label("en")
    assert summary["Target phase"] == result.target.label("en")
    assert summary["Respondents"] == result.meta.n


def test_a_withheld_group_has_no_figure() -> None:
    result = demo_result(small=True)
    book = open_book(render_workbook(result, "en"))
    for ws in book.worksheets:
        for row in ws.iter_rows(values_only=True):
            cells = [str(v) for v in row if v is not None]
            joined = " ".join(cells)
            if "Commercial management" in joined:
                assert ws.title == "Withheld", (ws.title, row)
                assert not any(c.replace(".", "").isdigit() for c in cells)
    groups = {r[2] for r in book["Groups"].iter_rows(min_row=2, values_only=True)}
    assert "Other functions (pooled)" in groups
    assert SMALL_DEPARTMENT not in groups


def test_formula_injection_from_a_response_file_is_neutralised() -> None:
    frame = demo_frame().copy()
    frame["open_friction"] = frame["open_change"] = '=HYPERLINK("http://evil.example","click")'
    result = diagnose(responses_of(frame))
    assert any(c.shown for c in result.comments)
    book = open_book(render_workbook(result, "en"))
    cells = [c for row in book["Open answers"].iter_rows(min_row=2) for c in row if c.column == 2]
    assert cells
    for cell in cells:
        assert cell.data_type == "s"
        assert cell.value == '\'=HYPERLINK("http://evil.example","click")'


def test_every_risky_text_cell_is_neutralised() -> None:
    result = dataclasses.replace(
        demo_result(),
        comments=(CommentSet("open_friction", True, ("@SUM(A1)", "+1+2", "-cmd", "-3", "fine")),),
    )
    book = open_book(render_workbook(result, "en"))
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
    answers = [r[1] for r in book["Open answers"].iter_rows(min_row=2, values_only=True)]
    assert answers == ["'@SUM(A1)", "'+1+2", "'-cmd", "-3", "fine"]


def test_too_few_respondents_gives_a_workbook_without_figures() -> None:
    frame = demo_frame().head(4)
    result = diagnose(responses_of(frame))
    book = open_book(render_workbook(result, "en"))
    assert "Scales" not in book.sheetnames
    summary = {r[0]: r[1] for r in book["Summary"].iter_rows(min_row=2, values_only=True)}
    assert summary["Respondents"] == "withheld"
