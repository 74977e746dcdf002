"""Which question each column answers: ids, question texts, mapping files, forms and settings."""

from __future__ import annotations

from pathlib import Path

from tandem.io.responses import read_responses
from tests.io.responses import FILES, INSTRUMENT, likert, problems_of, where, write


def test_question_texts_as_headers_are_recognised() -> None:
    rs = read_responses(FILES / "question_texts.csv")
    assert list(rs.department) == ["sales", "marketing"]
    assert list(rs.choices["level"]) == ["staff", "manager"]
    assert likert(rs, "def_roles") == [4.0, 5.0]
    assert likert(rs, "def_authority") == [3.0, None]
    assert list(rs.choices["dr_pricing"]) == ["sales", "joint"]
    assert rs.form == "full"


def test_mapping_file_maps_and_ignores_columns() -> None:
    rs = read_responses(FILES / "other_tool.csv", mapping=FILES / "other_tool_mapping.csv")
    assert rs.respondent_ids == ("x1", "x2")
    assert rs.form == "quick"
    assert likert(rs, "def_roles") == [4.0, 2.0]
    assert likert(rs, "eco_price_1") == [3.0, None]


def test_without_mapping_the_same_file_names_every_unknown_column() -> None:
    # "Timestamp" first: read as a Google Forms export, whose timestamp column is known
    error = problems_of(FILES / "other_tool.csv")
    unknown = {p.column for p in error.problems if "cannot place the heading" in p.message}
    assert unknown == {"Afdeling", "Q1", "Q2", "Respondent ID"}


def test_bad_mapping_file_is_reported(tmp_path: Path) -> None:
    mapping = write(tmp_path, "header,question_id\nQ1,def_rols\n", "map.csv")
    error = problems_of(FILES / "other_tool.csv", mapping=mapping)
    messages = [p.message for p in error.problems]
    assert any("mapping file" in m and "'def_rols'" in m and "def_roles" in m for m in messages)
    no_columns = write(tmp_path, "from,to\nQ1,def_roles\n", "map2.csv")
    error = problems_of(FILES / "other_tool.csv", mapping=no_columns)
    assert any("'header' and 'question_id'" in p.message for p in error.problems)


def test_form_detection_and_explicit_form(tmp_path: Path) -> None:
    quick = write(tmp_path, "department,def_roles,eco_price_1\nsales,4,3\n", "q.csv")
    full = write(tmp_path, "department,def_roles,eco_price_2\nsales,4,3\n", "f.csv")
    assert read_responses(quick).form == "quick"
    assert read_responses(full).form == "full"
    assert read_responses(quick, form="full").form == "full"
    error = problems_of(full, form="quick")
    assert where(error) == {(1, "eco_price_2")}
    # the form by its name, never its code
    assert "is not part of the quick scan (indicative)" in error.problems[0].message
    assert "hoort niet bij de quick scan (indicatief)" in error.problems[0].in_language("nl")
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


def test_no_header_row() -> None:
    error = problems_of(FILES / "no_header.csv")
    assert any("no header row" in p.message for p in error.problems)
    assert not any("unknown column" in p.message for p in error.problems)


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
