"""Validation of the rows: every problem named by row and column, blank rows, capped lists."""

from __future__ import annotations

from pathlib import Path

from tandem.io.responses import MAX_PROBLEMS_PER_COLUMN
from tests.io.responses import FILES, problems_of, where, write


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


def test_header_only() -> None:
    error = problems_of(FILES / "header_only.csv")
    assert [p.message for p in error.problems] == ["the file has a header but no answer rows"]


def test_respondent_ids_must_be_unique_and_present(tmp_path: Path) -> None:
    text = "respondent,department\na,sales\nb,sales\n a ,sales\n,sales\nb,sales\n"
    error = problems_of(write(tmp_path, text))
    assert where(error) == {(4, "respondent"), (5, "respondent"), (6, "respondent")}
    messages = {p.row: p.message for p in error.problems}
    assert "rows 2 and 4" in messages[4]
    assert "empty" in messages[5]
    assert "rows 3 and 6" in messages[6]


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
