"""Other tools' exports: detection, heading matching, answer recoding, left-out rows."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tandem.instrument.codes import limesurvey_code, limesurvey_codes
from tandem.io.responses import inspect_responses, load_responses, read_responses
from tandem.io.responses.headers import QuestionMatcher
from tandem.io.responses.inspection import render_inspection, render_summary
from tandem.io.responses.recoding import MISSING, AnswerLabels
from tandem.io.responses.sources import Heading, limesurvey
from tests.io.responses import INSTRUMENT, likert, problems_of, write

LABELS = AnswerLabels.load(INSTRUMENT)
EN = {i.id: i.text.en for i in INSTRUMENT.items}
NL = {i.id: i.text.nl for i in INSTRUMENT.items}


# ---------------------------------------------------------------- codes
def test_limesurvey_code_rule() -> None:
    taken: set[str] = set()
    assert limesurvey_code("cj_orientation_consistency", taken) == "cjorientationconsist"
    assert limesurvey_code("cj_orientation_consistency", taken) == "cjorientationconsis2"
    assert limesurvey_code("def_roles", taken) == "defroles"
    assert taken == {"cjorientationconsist", "cjorientationconsis2", "defroles"}


def test_limesurvey_codes_of_the_instrument_are_unique_and_valid() -> None:
    codes = limesurvey_codes([i.id for i in INSTRUMENT.items])
    assert len({c.lower() for c in codes.values()}) == len(codes)
    assert all(c.isalnum() and len(c) <= 20 and c[0].isalpha() for c in codes.values())


# ---------------------------------------------------------------- matching
@pytest.mark.parametrize(
    ("heading", "target", "method"),
    [
        (Heading("def_roles", codes=("def_roles",)), "def_roles", "id"),
        (Heading("x", codes=("cjorientationconsist", "CJ")), "cj_orientation_consistency", "code"),
        (Heading("t", texts=("12. " + EN["def_roles"].upper(),)), "def_roles", "text"),
        (Heading("t", texts=(NL["eco_product_1"].replace("'", "\u2019"),)), "eco_product_1",
         "text"),
        (Heading("t", texts=("  " + EN["ali_chase_feedback"].replace(" ", "  ") + "!",)),
         "ali_chase_feedback", "text"),
        (Heading("t", texts=(EN["ali_chase_feedback"].replace("has", "have"),)),
         "ali_chase_feedback", "fuzzy"),
    ],
)
def test_headings_are_matched(heading: Heading, target: str, method: str) -> None:
    match = QuestionMatcher(INSTRUMENT).match(heading)
    assert match is not None and (match.target, match.method) == (target, method)


def test_fuzzy_match_only_when_unambiguous() -> None:
    matcher = QuestionMatcher(INSTRUMENT)
    # the journey statements differ only in the stage name: an ambiguous guess is refused
    text = EN["cj_orientation_consistency"].replace("Orientation", "Stage")
    assert matcher.match(Heading("t", texts=(text,))) is None
    assert matcher.match(Heading("t", texts=("Something else entirely",))) is None


# ---------------------------------------------------------------- recoding
@pytest.mark.parametrize(
    ("item_id", "text", "code"),
    [
        ("def_roles", "Mee eens", "4"),
        ("def_roles", "Somewhat agree", "4"),
        ("def_roles", "Neutraal", "3"),
        ("def_roles", "Niet mee eens, niet mee oneens", "3"),
        ("def_roles", "Neither agree nor disagree", "3"),
        # don't know / not applicable is kept as such (the analysis reads it as missing)
        ("def_roles", "n.v.t.", "dk"),
        ("def_roles", "N/A", "dk"),
        ("def_roles", "weet niet", "dk"),
        ("def_roles", "", MISSING),
        ("def_roles", "5", "5"),
        ("dr_pricing", "Don't know", "dk"),
        ("dr_pricing", "weet niet", "dk"),
        ("cj_orientation_owner", "n.v.t.", "dk"),
        ("department", "Verkoop", "sales"),
        ("department", "Klantenservice", "service"),
        ("department", "Customer service", "service"),
        ("department", "n.v.t.", MISSING),
        ("department", "Finance", None),
        ("def_roles", "Mee eens!!!", "4"),
        ("def_roles", "Best wel", None),
    ],
)
def test_labels_are_recoded(item_id: str, text: str, code: str | None) -> None:
    assert LABELS.recode(INSTRUMENT.item(item_id), text, None) == code


@pytest.mark.parametrize(
    ("item_id", "text", "code"),
    [
        ("def_roles", "AO06", "dk"),  # don't know is the 6th answer of a Likert item
        ("def_roles", "AO04", "4"),
        ("dr_pricing", "A7", "dk"),  # and the 7th of a decision question
        ("dr_pricing", "A4", "joint"),
        ("department", "A3", "service"),
        ("department", "A6", None),
        ("cj_orientation_owner", "6", "dk"),
    ],
)
def test_answer_codes_are_positions(item_id: str, text: str, code: str | None) -> None:
    assert LABELS.recode(INSTRUMENT.item(item_id), text, limesurvey.position) == code


# ---------------------------------------------------------------- whole files
def _qualtrics(rows: list[list[str]], numeric: bool = False) -> str:
    ids = ["StartDate", "Status", "Finished", "ResponseId", "Q1", "Q2_1", "Q2_2", "Q3"]
    texts = ["Start Date", "Response Type", "Finished", "Response ID", EN["department"],
             f"Agree? - {EN['def_roles']}", f"Agree? - {EN['def_authority']}", EN["dr_pricing"]]
    imports = [json.dumps({"ImportId": i}) for i in ids]
    lines = [ids, texts, imports, *rows]
    return "\n".join(",".join(f'"{c}"' for c in line) for line in lines) + "\n"


def test_qualtrics_numeric_previews_unfinished_and_dont_know(tmp_path: Path) -> None:
    path = write(tmp_path, _qualtrics([
        ["2026-01-01", "0", "1", "R_1", "1", "4", "6", "7"],
        ["2026-01-01", "1", "1", "R_2", "2", "5", "5", "1"],  # preview: dropped
        ["2026-01-01", "0", "0", "R_3", "3", "2", "", ""],  # unfinished with a scale answer
        ["2026-01-01", "0", "0", "R_4", "2", "", "", ""],  # profile only: not counted
    ]))
    rs = read_responses(path)
    assert rs.respondent_ids == ("R_1", "R_3")
    assert list(rs.department) == ["sales", "service"]
    assert likert(rs, "def_roles") == [4.0, 2.0]
    assert likert(rs, "def_authority") == [None, None]
    assert list(rs.choices["dr_pricing"]) == ["dk", None]
    report = inspect_responses(path)
    assert (report.source, report.previews, report.unfinished_kept) == ("qualtrics", (5,), (6,))
    assert report.no_scale_answers == (7,)


@pytest.mark.parametrize("numeric", [False, True])
def test_qualtrics_tests_and_spam_are_left_out_and_counted(tmp_path: Path, numeric: bool) -> None:
    """Survey Test (2) and Spam (8) are not answers, like Survey Preview (1); the import
    report lists their rows and ``tandem inspect`` / ``score`` say how many."""
    status = {"ok": "IP Address", "preview": "Survey Preview", "test": "Survey Test",
              "spam": "Spam", "preview_spam": "Preview Spam"}
    if numeric:
        status = {"ok": "0", "preview": "1", "test": "2", "spam": "8", "preview_spam": "8"}
    answers = ["1", "4", "4", "2"] if numeric else ["Sales", "Agree", "Agree", "Sales"]
    path = write(tmp_path, _qualtrics([
        ["d", status["ok"], "1", "R_1", *answers],
        ["d", status["test"], "1", "R_2", *answers],
        ["d", status["spam"], "1", "R_3", *answers],
        ["d", status["preview"], "1", "R_4", *answers],
        ["d", status["preview_spam"], "1", "R_5", *answers],
        ["d", status["test"], "1", "R_6", *answers],
        ["d", status["ok"], "1", "R_7", *answers],
    ]))
    loaded = load_responses(path)
    assert loaded.responses.respondent_ids == ("R_1", "R_7")
    report = loaded.report
    assert report is not None
    assert (report.tests, report.spam, report.previews) == ((5, 9), (6, 8), (7,))
    assert report.n == 2
    text = render_inspection(report, "en")
    assert "Survey tests left out: 2, rows 5, 9" in text
    assert "Responses flagged as spam left out: 2, rows 6, 8" in text
    summary = render_summary(report, "nl")
    assert "Testantwoorden (survey test) weggelaten: 2" in summary
    assert "Als spam gemarkeerde antwoorden weggelaten: 2" in summary
    # the form by its name, never its code
    assert "Respondents counted: 2 (full form)" in text
    assert "Respondenten meegeteld: 2 (volledige versie)" in summary


def test_empty_and_unknown_departments_are_warnings_with_rows(tmp_path: Path) -> None:
    path = write(tmp_path, _qualtrics([
        ["d", "IP Address", "True", "R_1", "Sales", "Agree", "Agree", "Sales"],
        ["d", "IP Address", "True", "R_2", "", "Agree", "Agree", "Sales"],
        ["d", "IP Address", "True", "R_3", "Finance", "Agree", "Agree", "Sales"],
    ]))
    report = inspect_responses(path)
    assert report.ok
    messages = {w.message.split(" (")[0]: w.rows for w in report.warnings}
    assert messages == {"department empty": (5,), "unknown department 'Finance'": (6,)}
    assert list(read_responses(path).department) == ["sales", None, None]


def test_unplaced_answers_and_headings_are_problems_with_rows(tmp_path: Path) -> None:
    path = write(tmp_path, _qualtrics([
        ["d", "IP Address", "True", "R_1", "Sales", "Best wel", "Agree", "Sales"],
        ["d", "IP Address", "True", "R_1", "Sales", "Agree", "Agree", "Sales"],
    ]).replace(EN["dr_pricing"], "Favourite colour"))
    error = problems_of(path)
    found = {(p.row, p.column) for p in error.problems}
    assert (4, f"Agree? - {EN['def_roles']}") in found  # the answer "Best wel"
    assert (1, "Favourite colour") in found
    report = inspect_responses(path)
    assert [h.heading for h in report.unplaced_headings] == ["Favourite colour"]
    assert [(u.row, u.value) for u in report.unplaced_values] == [(4, "Best wel")]


def test_duplicate_response_ids_are_refused(tmp_path: Path) -> None:
    path = write(tmp_path, _qualtrics([
        ["d", "IP Address", "True", "R_1", "Sales", "Agree", "Agree", "Sales"],
        ["d", "IP Address", "True", "R_1", "Sales", "Agree", "Agree", "Sales"],
    ]))
    error = problems_of(path)
    assert any("used twice" in p.message for p in error.problems)


def test_mapping_file_places_a_heading_and_ignores_another(tmp_path: Path) -> None:
    text = "Tijdstempel,Afdeling,Stelling A,Opmerking\n1-1-2026,Verkoop,Mee eens,hoi\n"
    path = write(tmp_path, text)
    mapping = write(tmp_path, "header,question_id\nAfdeling,department\nStelling A,def_roles\n"
                    "Opmerking,\n", "map.csv")
    rs = read_responses(path, mapping=mapping)
    assert list(rs.department) == ["sales"] and likert(rs, "def_roles") == [4.0]
    methods = {h.heading: h.method for h in inspect_responses(path, mapping=mapping).headings}
    assert methods == {"Tijdstempel": "tool column", "Afdeling": "mapping",
                       "Stelling A": "mapping", "Opmerking": "ignored"}


def test_source_overrides_detection(tmp_path: Path) -> None:
    # too few of LimeSurvey's standard columns to tell it from Tandem's format
    text = "id,submitdate,department,DEF[defroles]\n1,2026-01-01,A2,AO05\n"
    path = write(tmp_path, text)
    assert inspect_responses(path).source == "tandem"
    assert inspect_responses(path, source="limesurvey").source == "limesurvey"
    rs = read_responses(path, source="limesurvey")
    assert list(rs.department) == ["marketing"] and likert(rs, "def_roles") == [5.0]
    with pytest.raises(ValueError, match="unknown source"):
        read_responses(path, source="typeform")


def test_tandem_format_is_detected_as_tandem(tmp_path: Path) -> None:
    path = write(tmp_path, "respondent,department,def_roles\nr1,sales,4\n")
    report = inspect_responses(path)
    assert report.ok and report.source == "tandem" and report.n == 1
    assert {h.method for h in report.headings} == {"tool column", "id"}


def test_a_plain_file_with_labels_and_loose_texts_is_read(tmp_path: Path) -> None:
    # no tool's columns: read as Tandem's format, and where that refuses it (labels,
    # headings with numbering), as an export, since every heading and answer places
    heading = "3) " + EN["def_roles"].upper().rstrip(".")
    text = f'respondent;department;"{heading}";dr_pricing\nr1;Verkoop;Mee eens;weet niet\n' \
           "r2;Klantenservice;n.v.t.;Sales\nr3;Marketing;Neutraal;Sales en Marketing samen\n"
    path = write(tmp_path, text)
    rs = read_responses(path)
    assert list(rs.department) == ["sales", "service", "marketing"]
    assert likert(rs, "def_roles") == [4.0, None, 3.0]
    assert list(rs.choices["dr_pricing"]) == ["dk", "sales", "joint"]


def test_a_plain_file_with_an_unknown_department_keeps_its_problems(tmp_path: Path) -> None:
    path = write(tmp_path, "department,def_roles\nchef,Mee eens\n")
    error = problems_of(path)
    assert any("chef" in p.message for p in error.problems)


def test_the_check_refuses_what_the_reader_refuses(tmp_path: Path) -> None:
    # A typo in a department code of Tandem's own format: the check read it as an export
    # (an unknown department, a warning) and said "ready", while `tandem score` refused
    # the file. The check now names the reader's problem, and the web import with it.
    path = write(tmp_path, "respondent,department,def_roles\nr1,sales,4\nr2,serviec,3\n")
    error = problems_of(path)
    report = inspect_responses(path)
    assert not report.ok
    assert [(p.row, p.column, p.message) for p in report.problems] == [
        (p.row, p.column, p.message) for p in error.problems]
    assert report.problems[0].row == 3 and "serviec" in report.problems[0].message
    assert "Ready to import" not in render_inspection(report, "en")


def test_a_typo_and_a_bad_answer_are_named_in_one_round(tmp_path: Path) -> None:
    # The check named the bad answer only, and the typo once the answer was fixed: two
    # rounds of fixing one file. Now both at once, with no "counts under other" warning.
    path = write(tmp_path, "respondent,department,def_roles\nr1,sales,7\nr2,serviec,3\n")
    report = inspect_responses(path)
    assert [(p.row, p.column) for p in report.problems] == [(2, "def_roles"),
                                                            (3, "department")]
    assert [(p.row, p.column) for p in problems_of(path).problems] == [
        (p.row, p.column) for p in report.problems]
    assert not [w for w in report.warnings if w.kind == "department"]


def test_tandems_format_with_labels_names_only_what_is_wrong(tmp_path: Path) -> None:
    # Answers written as labels ("Eens") are read as an export; the reader refused each
    # label, and those refusals were what `tandem score` named when a department had a
    # typo. Now the typo alone, once per row; an empty department stays a warning.
    lines = "".join(f"r{i},{dept},Eens\n" for i, dept in enumerate(
        ["sales", "serviec", "marketing", "serviec", "sales"]))
    path = write(tmp_path, "respondent,department,def_roles\n" + lines)
    expected = [(3, "department"), (5, "department")]
    assert [(p.row, p.column) for p in problems_of(path).problems] == expected
    assert [(p.row, p.column) for p in inspect_responses(path).problems] == expected
    assert "'serviec' is not an option" in problems_of(path).problems[0].message
    empty = write(tmp_path, "respondent,department,def_roles\n"
                  + lines.replace("serviec", "service", 1).replace("serviec", ""), "e.csv")
    loaded = load_responses(empty)
    assert loaded.responses.n == 5
    assert loaded.report is not None
    assert [w.rows for w in loaded.report.warnings if w.kind == "department"] == [(5,)]


def test_limesurvey_code_and_text_headings_and_unfinished_rows(tmp_path: Path) -> None:
    text = (
        "id,submitdate,lastpage,startlanguage,"
        f'"G01Q01. {NL["department"]}","G02Q01[SQ001]. Stellingen [{NL["def_roles"]}]",'
        "G02Q01[SQ002]\n"
        "1,2026-01-01,3,nl,A1,AO04,\n"
        "2,,2,nl,A2,AO02,\n"
        "3,,1,nl,A3,,\n"
    )
    mapping = write(tmp_path, "header,question_id\nG02Q01[SQ002],\n", "map.csv")
    path = write(tmp_path, text)
    report = inspect_responses(path, mapping=mapping)
    assert report.ok, report.problems
    assert report.source == "limesurvey"
    assert {h.target: h.method for h in report.headings if h.target} == {
        "respondent": "tool column", "department": "text", "def_roles": "text"}
    assert (report.unfinished_kept, report.no_scale_answers) == ((3,), (4,))
    rs = read_responses(path, mapping=mapping)
    assert list(rs.department) == ["sales", "marketing"] and likert(rs, "def_roles") == [4, 2]


def test_a_fuzzy_match_is_reported(tmp_path: Path) -> None:
    typo = EN["def_roles"].replace("responsibilities", "responsibilites")
    path = write(tmp_path, f'Timestamp,{EN["department"]},"{typo}"\n1,Sales,Agree\n')
    report = inspect_responses(path)
    fuzzy = [h for h in report.headings if h.method == "fuzzy"]
    assert [(h.target, h.heading) for h in fuzzy] == [("def_roles", typo)]
    assert 0.85 <= fuzzy[0].score < 1


def test_answers_beyond_the_named_columns_are_a_problem(tmp_path: Path) -> None:
    path = write(tmp_path, f'Timestamp,{EN["department"]},def_roles\n1,Sales,Agree,extra\n')
    error = problems_of(path)
    assert any(p.row == 2 and "right of the last named column C" in p.message
               for p in error.problems)


def test_a_tandem_file_with_an_empty_department_says_which_rows(tmp_path: Path) -> None:
    """Tandem's own format: the answers are read as before, and the rows whose department
    is empty are a warning in the report (never silently 'other')."""
    path = write(tmp_path, "respondent,department,def_roles\nr1,sales,4\nr2,,3\n\nr3,service,2\n")
    loaded = load_responses(path)
    assert list(loaded.responses.department) == ["sales", None, "service"]
    assert loaded.report is not None and loaded.report.source == "tandem"
    assert [(w.kind, w.rows) for w in loaded.report.warnings] == [("department", (3,))]
    assert loaded.report.n == 3
    full = write(tmp_path, "respondent,department,def_roles\nr1,sales,4\nr2,marketing,3\n")
    assert load_responses(full).report is None  # a complete file: nothing to say


def test_the_respondents_language_is_read_when_the_tool_exports_it() -> None:
    fixtures = Path(__file__).resolve().parents[2] / "fixtures"
    qualtrics = load_responses(fixtures / "qualtrics" / "choice_text.csv")
    assert qualtrics.report is not None
    assert qualtrics.report.languages == ("en",) * qualtrics.responses.n
    lime = load_responses(fixtures / "limesurvey" / "codes.csv")
    assert lime.report is not None and set(lime.report.languages) == {"nl"}
    monkey = load_responses(fixtures / "surveymonkey" / "responses.csv")
    assert monkey.report is not None and monkey.report.languages == ()
