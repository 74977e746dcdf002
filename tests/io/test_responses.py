"""Reading response files: real files on disk, good and bad, as users make them."""

from __future__ import annotations

import math
import tempfile
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tandem.instrument import load_instrument
from tandem.io.demo import generate_responses
from tandem.io.responses import MAX_PROBLEMS_PER_COLUMN, read_responses
from tandem.io.writers import write_csv
from tandem.responses import ResponseDataError, ResponseSet

FILES = Path(__file__).parent / "files"
INSTRUMENT = load_instrument()


def write(tmp_path: Path, text: str, name: str = "answers.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", newline="")
    return path


def problems_of(path: Path, **kwargs: object) -> ResponseDataError:
    with pytest.raises(ResponseDataError) as info:
        read_responses(path, **kwargs)  # type: ignore[arg-type]
    return info.value


def where(error: ResponseDataError) -> set[tuple[int | None, str | None]]:
    return {(p.row, p.column) for p in error.problems}


def likert(rs: ResponseSet, item_id: str) -> list[float | None]:
    return [None if math.isnan(v) else v for v in rs.column(item_id)]


# ---------------------------------------------------------------- good files


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


def test_question_texts_as_headers_are_recognised() -> None:
    rs = read_responses(FILES / "question_texts.csv")
    assert list(rs.department) == ["sales", "marketing"]
    assert list(rs.choices["level"]) == ["staff", "manager"]
    assert likert(rs, "def_roles") == [4.0, 5.0]
    assert likert(rs, "def_authority") == [3.0, None]
    assert list(rs.choices["dr_pricing"]) == ["sales", "joint"]
    assert rs.form == "full"


def test_semicolon_file_whose_question_texts_hold_more_commas(tmp_path: Path) -> None:
    vocabulary = INSTRUMENT.item("ali_vocabulary").text.en
    assert vocabulary.count(",") >= 2
    path = write(tmp_path, f"In welke afdeling werkt u?;{vocabulary}\nsales;4\n")
    assert likert(read_responses(path), "ali_vocabulary") == [4.0]


def test_mapping_file_maps_and_ignores_columns() -> None:
    rs = read_responses(FILES / "other_tool.csv", mapping=FILES / "other_tool_mapping.csv")
    assert rs.respondent_ids == ("x1", "x2")
    assert rs.form == "quick"
    assert likert(rs, "def_roles") == [4.0, 2.0]
    assert likert(rs, "eco_price_1") == [3.0, None]


def test_without_mapping_the_same_file_names_every_unknown_column() -> None:
    error = problems_of(FILES / "other_tool.csv")
    unknown = {p.column for p in error.problems if "unknown column" in p.message}
    assert unknown == {"Timestamp", "Afdeling", "Q1", "Q2", "Respondent ID"}
    assert (None, "department") in where(error)


def test_bad_mapping_file_is_reported(tmp_path: Path) -> None:
    mapping = write(tmp_path, "header,question_id\nQ1,def_rols\n", "map.csv")
    error = problems_of(FILES / "other_tool.csv", mapping=mapping)
    messages = [p.message for p in error.problems]
    assert any("mapping file" in m and "'def_rols'" in m and "def_roles" in m for m in messages)
    no_columns = write(tmp_path, "from,to\nQ1,def_roles\n", "map2.csv")
    error = problems_of(FILES / "other_tool.csv", mapping=no_columns)
    assert any("'header' and 'question_id'" in p.message for p in error.problems)


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


def test_values_with_spaces_case_and_decimals_are_accepted(tmp_path: Path) -> None:
    path = write(tmp_path, "department,def_roles,level\n SALES ,3.0,Staff\nservice, 2 ,\n")
    rs = read_responses(path)
    assert list(rs.department) == ["sales", "service"]
    assert likert(rs, "def_roles") == [3.0, 2.0]
    assert list(rs.choices["level"]) == ["staff", None]


def test_respondent_ids_are_text_not_numbers(tmp_path: Path) -> None:
    rs = read_responses(write(tmp_path, "respondent,department\n001,sales\n1,sales\n1.0,sales\n"))
    assert rs.respondent_ids == ("001", "1", "1.0")


def test_short_rows_are_missing_answers(tmp_path: Path) -> None:
    rs = read_responses(write(tmp_path, "department,def_roles,def_authority\nsales,4\nservice\n"))
    assert likert(rs, "def_authority") == [None, None]
    assert likert(rs, "def_roles") == [4.0, None]


def test_trailing_empty_cells_beyond_the_header_are_harmless(tmp_path: Path) -> None:
    rs = read_responses(write(tmp_path, "department;def_roles\nsales;4;;\nservice;3;\n"))
    assert likert(rs, "def_roles") == [4.0, 3.0]


def test_form_detection_and_explicit_form(tmp_path: Path) -> None:
    quick = write(tmp_path, "department,def_roles,eco_price_1\nsales,4,3\n", "q.csv")
    full = write(tmp_path, "department,def_roles,eco_price_2\nsales,4,3\n", "f.csv")
    assert read_responses(quick).form == "quick"
    assert read_responses(full).form == "full"
    assert read_responses(quick, form="full").form == "full"
    error = problems_of(full, form="quick")
    assert where(error) == {(1, "eco_price_2")}
    assert "not part of the quick form" in error.problems[0].message
    # the quick form's ResponseSet has exactly the quick items
    rs = read_responses(quick)
    assert rs.likert_ids == tuple(
        i.id
        for i in INSTRUMENT.items_for("quick", frozenset({"segment", "should_decide"}))
        if i.kind == "likert"
    )


def test_question_switched_off_by_settings(tmp_path: Path) -> None:
    path = write(tmp_path, "department,drs_pricing\nsales,joint\n")
    assert read_responses(path).choices["drs_pricing"][0] == "joint"
    error = problems_of(path, settings=frozenset())
    assert "switched off" in error.problems[0].message
    assert where(error) == {(1, "drs_pricing")}


# ---------------------------------------------------------------- bad files


def test_several_kinds_of_errors_are_all_reported_with_rows_and_columns() -> None:
    error = problems_of(FILES / "errors.csv")
    assert where(error) == {
        (1, "def_rolse"),  # unknown column
        (1, "eco_price_1"),  # the same column twice
        (3, "department"),  # 'salse'
        (3, "def_roles"),  # 6: out of range
        (4, "level"),  # 'boss'
        (4, "def_roles"),  # 'x': not a number
        (4, "respondent"),  # r1 again
        (5, "def_authority"),  # 4.5
    }
    text = str(error)
    assert "did you mean 'def_roles'" in text
    assert "rows 2 and 4" in text
    assert error.source.endswith("errors.csv")


def test_empty_file() -> None:
    error = problems_of(FILES / "empty.csv")
    assert [p.message for p in error.problems] == ["the file is empty"]


def test_whitespace_only_file_is_empty(tmp_path: Path) -> None:
    assert "empty" in problems_of(write(tmp_path, "\ufeff \r\n\n")).problems[0].message


def test_header_only() -> None:
    error = problems_of(FILES / "header_only.csv")
    assert [p.message for p in error.problems] == ["the file has a header but no answer rows"]


def test_no_header_row() -> None:
    error = problems_of(FILES / "no_header.csv")
    assert any("no header row" in p.message for p in error.problems)
    assert not any("unknown column" in p.message for p in error.problems)


def test_empty_first_row_is_no_header(tmp_path: Path) -> None:
    error = problems_of(write(tmp_path, ",,\ndepartment,def_roles\nsales,4\n"))
    assert "no header row" in error.problems[0].message


def test_wrong_encoding_names_the_row_of_the_first_bad_byte() -> None:
    error = problems_of(FILES / "bad_encoding.csv")
    assert len(error.problems) == 1
    assert error.problems[0].row == 3
    assert "encoding" in error.problems[0].message
    assert "0x81" in error.problems[0].message


def test_missing_department_column(tmp_path: Path) -> None:
    error = problems_of(write(tmp_path, "respondent,def_roles\nr1,4\n"))
    assert where(error) == {(None, "department")}


def test_duplicate_column_and_two_headers_for_one_question(tmp_path: Path) -> None:
    text = (
        "department,def_roles,DEF_ROLES,"
        "The roles and responsibilities of Sales and Marketing are set down in writing.\n"
        "sales,4,4,4\n"
    )
    error = problems_of(write(tmp_path, text))
    assert len(error.problems) == 2
    assert {p.row for p in error.problems} == {1}


def test_respondent_ids_must_be_unique_and_present(tmp_path: Path) -> None:
    text = "respondent,department\na,sales\nb,sales\n a ,sales\n,sales\nb,sales\n"
    error = problems_of(write(tmp_path, text))
    assert where(error) == {(4, "respondent"), (5, "respondent"), (6, "respondent")}
    messages = {p.row: p.message for p in error.problems}
    assert "rows 2 and 4" in messages[4]
    assert "empty" in messages[5]
    assert "rows 3 and 6" in messages[6]


def test_rows_with_too_many_cells_are_named(tmp_path: Path) -> None:
    text = "department,def_roles\nsales,4\nsales,4,5\nservice,9\nsales,3,x,y\n"
    assert where(problems_of(write(tmp_path, text))) == {
        (3, None),
        (4, "def_roles"),
        (5, None),
    }


def test_answers_in_a_column_without_header(tmp_path: Path) -> None:
    error = problems_of(write(tmp_path, "department,,def_roles\nsales,,4\nsales,oops,4\n"))
    assert where(error) == {(3, None)}
    assert "column B" in error.problems[0].message


def test_blank_rows_keep_the_row_numbers_of_later_rows(tmp_path: Path) -> None:
    error = problems_of(write(tmp_path, "department,def_roles\nsales,4\n\n,\nsales,7\n"))
    assert where(error) == {(5, "def_roles")}


def test_problems_per_column_are_capped_but_counted(tmp_path: Path) -> None:
    rows = "".join("sales,9\n" for _ in range(500))
    error = problems_of(write(tmp_path, "department,def_roles\n" + rows))
    per_row = [p for p in error.problems if p.row is not None]
    assert len(per_row) == MAX_PROBLEMS_PER_COLUMN
    assert [p.row for p in per_row] == list(range(2, 2 + MAX_PROBLEMS_PER_COLUMN))
    summary = [p for p in error.problems if p.row is None]
    assert len(summary) == 1 and "500" in summary[0].message


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


# ---------------------------------------------------------------- equivalence and speed


def test_same_values_as_from_records(tmp_path: Path) -> None:
    df = generate_responses(150, seed=3)
    path = tmp_path / "demo.csv"
    write_csv(df, path)
    fast = read_responses(path)
    slow = ResponseSet.from_records(INSTRUMENT, "full", df.to_dict("records"))  # type: ignore[arg-type]
    assert fast.likert_ids == slow.likert_ids
    np.testing.assert_array_equal(fast.likert, slow.likert)
    assert fast.choices.keys() == slow.choices.keys()
    for key in slow.choices:
        assert list(fast.choices[key]) == list(slow.choices[key]), key
    assert fast.texts.keys() == slow.texts.keys()
    for key in slow.texts:
        assert list(fast.texts[key]) == list(slow.texts[key]), key
    assert fast.respondent_ids == slow.respondent_ids


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


# ---------------------------------------------------------------- fuzzing

_COLUMNS = ["respondent", "department", "def_roles", "level", "open_friction", "dr_pricing", "x"]
_CELLS = ["", "1", "5", "9", "dk", "DK", "sales", "r1", "a,b", '"', "é", "\x00", "=1+1", " "]


def _read_or_problem(data: bytes, suffix: str = ".csv") -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"fuzz{suffix}"
        path.write_bytes(data)
        try:
            result: ResponseSet | None = read_responses(path, INSTRUMENT)
        except ResponseDataError as error:  # the only exception allowed
            result, problems = None, error.problems
    if result is None:
        assert problems, "a ResponseDataError always names its problems"
    else:
        assert result.n > 0


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_fuzz_random_bytes(data: bytes) -> None:
    _read_or_problem(data)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300).map(lambda b: b"PK\x03\x04" + b))
def test_fuzz_random_xlsx_bytes(data: bytes) -> None:
    _read_or_problem(data, ".xlsx")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    header=st.lists(st.sampled_from(_COLUMNS), min_size=1, max_size=6),
    rows=st.lists(st.lists(st.sampled_from(_CELLS), max_size=8), max_size=6),
    sep=st.sampled_from([",", ";", "\t"]),
    newline=st.sampled_from(["\n", "\r\n", "\r"]),
    bom=st.booleans(),
    quote=st.booleans(),
)
def test_fuzz_csv_text(
    header: list[str], rows: list[list[str]], sep: str, newline: str, bom: bool, quote: bool
) -> None:
    def cell(value: str) -> str:
        return '"' + value.replace('"', '""') + '"' if quote else value

    lines = [sep.join(cell(c) for c in header)] + [sep.join(cell(c) for c in r) for r in rows]
    text = ("\ufeff" if bom else "") + newline.join(lines) + newline
    _read_or_problem(text.encode("utf-8"))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.text(alphabet=st.sampled_from(list('department,def_roles;1 5"\n\r\tdkx\x00é')), max_size=120)
)
def test_fuzz_csv_like_text(text: str) -> None:
    _read_or_problem(text.encode("utf-8"))
