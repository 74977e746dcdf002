"""Reading response files into rows: CSV and XLSX, encodings, separators, malformed files."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

from tandem.io.demo import generate_responses
from tandem.io.responses import read_responses
from tandem.io.writers import write_csv
from tests.io.responses import FILES, INSTRUMENT, likert, problems_of, where, write


def test_dutch_excel_csv_with_bom_semicolons_and_decimal_commas() -> None:
    rs = read_responses(FILES / "nl_excel_semicolon_bom.csv")
    assert rs.form == "full"  # def_handoff is not in the quick form
    assert rs.n == 3  # the trailing ";;;;" row is no respondent
    assert rs.respondent_ids == ("nl-001", "nl-002", "nl-003")
    assert list(rs.department) == ["sales", "marketing", "service"]
    assert list(rs.choices["level"]) == ["staff", "manager", "staff"]
    assert likert(rs, "def_roles") == [4.0, 5.0, None]
    assert likert(rs, "def_authority") == [None, 4.0, 3.0]  # DK, "4,0", 3
    assert likert(rs, "eco_price_3") == [4.0, 2.0, None]  # raw codes, not reverse-keyed
    assert list(rs.choices["dr_pricing"]) == ["sales", "marketing", "management"]
    assert list(rs.choices["cj_onboarding_owner"]) == ["unclear", None, "service"]
    assert likert(rs, "cj_onboarding_consistency") == [2.0, 3.0, None]
    assert list(rs.texts["open_friction"]) == [
        "Prijzen worden zonder overleg verlaagd; dat schuurt.",
        None,
        'Klantenservice hoort het als laatste; "altijd".',
    ]
    # questions of the form that the file lacks are all missing
    assert all(math.isnan(v) for v in rs.column("int_kpis"))
    assert list(rs.choices["dr_messaging"]) == [None, None, None]
    assert list(rs.texts["open_change"]) == [None, None, None]


def test_windows_1252_file_is_read_when_it_decodes_cleanly() -> None:
    rs = read_responses(FILES / "cp1252.csv")
    assert list(rs.texts["open_friction"]) == [
        "Te veel overleg over één klant – niet efficiënt",
        "Marketing’s campagnes komen te laat",
    ]
    assert rs.form == "full"


def test_semicolon_file_whose_question_texts_hold_more_commas(tmp_path: Path) -> None:
    vocabulary = INSTRUMENT.item("ali_vocabulary").text.en
    assert vocabulary.count(",") >= 2
    path = write(tmp_path, f"In welke afdeling werkt u?;{vocabulary}\nsales;4\n")
    assert likert(read_responses(path), "ali_vocabulary") == [4.0]


def test_xlsx_with_numbers_floats_and_text(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["respondent", "department", "def_roles", "def_authority", "ali_no_blame"])
    sheet.append([1, "Sales", 4, 3.0, " DK "])
    sheet.append([2, "marketing", "5", None, 2])
    sheet.append([None, None, None, None, None])
    path = tmp_path / "answers.xlsx"
    book.save(path)
    rs = read_responses(path)
    assert rs.form == "quick"
    assert rs.respondent_ids == ("1", "2")
    assert list(rs.department) == ["sales", "marketing"]
    assert likert(rs, "def_roles") == [4.0, 5.0]
    assert likert(rs, "def_authority") == [3.0, None]
    assert likert(rs, "ali_no_blame") == [None, 2.0]


def test_xlsx_problems_use_sheet_row_numbers(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["department", "def_roles"])
    sheet.append(["sales", 4])
    sheet.append([None, None])  # an empty row in between: skipped, but counted
    sheet.append(["sales", 4.5])
    sheet.append(["ceo", 3])
    path = tmp_path / "answers.xlsx"
    book.save(path)
    assert where(problems_of(path)) == {(4, "def_roles"), (5, "department")}


def test_broken_xlsx_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "answers.xlsx"
    path.write_bytes(b"PK\x03\x04 this is no workbook")
    error = problems_of(path)
    assert "xlsx" in error.problems[0].message


def test_old_xls_is_refused_with_advice(tmp_path: Path) -> None:
    path = tmp_path / "answers.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    assert ".xlsx" in problems_of(path).problems[0].message


def test_utf16_excel_unicode_text_is_read(tmp_path: Path) -> None:
    path = tmp_path / "answers.csv"
    path.write_bytes("department\tdef_roles\r\nsales\t4\r\n".encode("utf-16"))
    assert likert(read_responses(path), "def_roles") == [4.0]


def test_short_rows_are_missing_answers(tmp_path: Path) -> None:
    rs = read_responses(write(tmp_path, "department,def_roles,def_authority\nsales,4\nservice\n"))
    assert likert(rs, "def_authority") == [None, None]
    assert likert(rs, "def_roles") == [4.0, None]


def test_trailing_empty_cells_beyond_the_header_are_harmless(tmp_path: Path) -> None:
    rs = read_responses(write(tmp_path, "department;def_roles\nsales;4;;\nservice;3;\n"))
    assert likert(rs, "def_roles") == [4.0, 3.0]


def test_empty_file() -> None:
    error = problems_of(FILES / "empty.csv")
    assert [p.message for p in error.problems] == ["the file is empty"]


def test_whitespace_only_file_is_empty(tmp_path: Path) -> None:
    assert "empty" in problems_of(write(tmp_path, "\ufeff \r\n\n")).problems[0].message


def test_empty_first_row_is_no_header(tmp_path: Path) -> None:
    error = problems_of(write(tmp_path, ",,\ndepartment,def_roles\nsales,4\n"))
    assert "no header row" in error.problems[0].message


def test_wrong_encoding_names_the_row_of_the_first_bad_byte() -> None:
    error = problems_of(FILES / "bad_encoding.csv")
    assert len(error.problems) == 1
    assert error.problems[0].row == 3
    assert "encoding" in error.problems[0].message
    assert "0x81" in error.problems[0].message


def test_rows_with_too_many_cells_are_named(tmp_path: Path) -> None:
    text = "department,def_roles\nsales,4\nsales,4,5\nservice,9\nsales,3,x,y\n"
    assert where(problems_of(write(tmp_path, text))) == {
        (3, None),
        (4, "def_roles"),
        (5, None),
    }


def test_a_pandas_that_refuses_unknown_categories_gives_the_same_result(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """pandas 4 is to raise where pandas 3 maps values outside given categories to NaN."""
    from tandem.io.responses import reading as responses

    real = responses._read_frame

    def strict(*args: object) -> object:
        dtypes = args[4]
        assert isinstance(dtypes, dict)
        if any(isinstance(d, pd.CategoricalDtype) for d in dtypes.values()):
            raise TypeError("values not in categories")
        return real(*args)  # type: ignore[arg-type]

    expected = read_responses(FILES / "nl_excel_semicolon_bom.csv")
    monkeypatch.setattr(responses, "_read_frame", strict)
    got = read_responses(FILES / "nl_excel_semicolon_bom.csv")
    np.testing.assert_array_equal(got.likert, expected.likert)
    for key in expected.choices:
        assert list(got.choices[key]) == list(expected.choices[key])
    assert where(problems_of(FILES / "errors.csv")) >= {(3, "def_roles"), (4, "level")}


def test_missing_file_is_a_problem(tmp_path: Path) -> None:
    assert "cannot read" in problems_of(tmp_path / "nope.csv").problems[0].message


@pytest.mark.slow
def test_a_100k_row_file_is_read_whole(tmp_path: Path) -> None:
    """Scale, not speed (speed is in benchmarks/bench_score.py): the categorical fast path
    must give the same answers as the data written, on every row."""
    frame = generate_responses(100_000, seed=5)
    path = tmp_path / "big.csv"
    write_csv(frame, path)
    rs = read_responses(path)
    assert rs.n == 100_000
    expected = frame["def_roles"].replace({"dk": None, "": None}).astype(float).to_numpy()
    np.testing.assert_array_equal(rs.column("def_roles"), expected)
    assert list(rs.department) == frame["department"].tolist()
