"""What a response keeps beside the scored answers: each respondent's language (the
optional ``language`` column, a tool's language column, the web's records) and which
missing Likert answers were "don't know" rather than empty; the analysis reads neither."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tandem.analysis.diagnose import diagnose
from tandem.io.responses import read_responses
from tandem.responses import ResponseDataError, ResponseSet
from tests.io.responses import INSTRUMENT, likert, problems_of, where, write

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
HEADER = "respondent,language,department,def_roles,def_authority,dr_pricing"


def test_the_language_column_is_read_and_checked(tmp_path: Path) -> None:
    path = write(tmp_path, f"{HEADER}\n"
                 "r1,nl,sales,4,dk,dk\n"
                 "r2,EN,sales,DK,,sales\n"
                 "r3,,marketing,,2,\n"
                 "r4,nl-BE,service,5, dk ,joint\n")
    rs = read_responses(path)
    assert rs.languages == ("nl", "en", "", "nl")
    assert rs.language_column().tolist() == ["nl", "en", None, "nl"]
    assert likert(rs, "def_roles") == [4.0, None, None, 5.0]
    assert rs.dont_know("def_roles").tolist() == [False, True, False, False]
    assert rs.dont_know("def_authority").tolist() == [True, False, False, True]
    assert list(rs.choices["dr_pricing"]) == ["dk", "sales", None, "joint"]


def test_a_language_that_is_not_the_questionnaires_is_a_problem(tmp_path: Path) -> None:
    path = write(tmp_path, f"{HEADER}\nr1,fr,sales,4,4,sales\nr2,nl,sales,4,4,sales\n")
    error = problems_of(path)
    assert where(error) == {(2, "language")}
    assert "'fr' is not a language of the questionnaire" in str(error)


def test_without_a_language_column_nothing_is_known(tmp_path: Path) -> None:
    rs = read_responses(write(tmp_path, "department,def_roles\nsales,dk\nsales,\n"))
    assert rs.languages == ()
    assert rs.language_column().tolist() == [None, None]
    assert rs.dont_know("def_roles").tolist() == [True, False]


def test_language_and_dont_know_do_not_change_the_result(tmp_path: Path) -> None:
    plain = read_responses(FIXTURES / "tandem.csv")
    text = (FIXTURES / "tandem.csv").read_text("utf-8-sig").splitlines()
    with_language = [f"language,{text[0]}"] + [f"en,{line}" for line in text[1:]]
    rs = read_responses(write(tmp_path, "\n".join(with_language) + "\n"))
    assert set(rs.languages) == {"en"}
    assert diagnose(rs).to_dict() == diagnose(plain).to_dict()


@pytest.mark.parametrize("name", ["qualtrics/choice_text.csv", "qualtrics/numeric.tsv",
                                  "limesurvey/codes.csv", "limesurvey/full_text.xlsx",
                                  "surveymonkey/responses.csv", "google_forms/responses.csv",
                                  "ms_forms/responses.xlsx"])
def test_every_tools_dont_know_is_kept_apart(name: str) -> None:
    """Each export says "don't know" in its own words or codes: the same cells as
    Tandem's own file of the same answers."""
    reference = read_responses(FIXTURES / "tandem.csv")
    rs = read_responses(FIXTURES / name)
    assert reference.likert_dk is not None and rs.likert_dk is not None
    assert reference.likert_dk.sum() > 0
    by_item = dict(zip(rs.likert_ids, rs.likert_dk.sum(axis=0).tolist(), strict=True))
    assert by_item == dict(zip(reference.likert_ids,
                               reference.likert_dk.sum(axis=0).tolist(), strict=True))


@pytest.mark.parametrize(("name", "language"), [("qualtrics/choice_text.csv", "en"),
                                                ("limesurvey/codes.csv", "nl")])
def test_a_tools_language_column_gives_the_languages(name: str, language: str) -> None:
    rs = read_responses(FIXTURES / name)
    assert set(rs.languages) == {language} and len(rs.languages) == rs.n


def test_records_carry_language_and_dont_know() -> None:
    rs = ResponseSet.from_records(INSTRUMENT, "full", [
        {"department": "sales", "def_roles": "dk", "language": "en"},
        {"department": "sales", "def_roles": "3", "language": "nl"},
        {"department": "sales", "def_roles": ""},
    ])
    assert rs.languages == ("en", "nl", "")
    assert rs.dont_know("def_roles").tolist() == [True, False, False]
    subset = rs.subset(np.array([False, True, True]))
    assert subset.languages == ("nl", "")
    assert subset.dont_know("def_roles").tolist() == [False, False]
    with pytest.raises(ResponseDataError, match="not a language"):
        ResponseSet.from_records(INSTRUMENT, "full", [{"department": "sales",
                                                       "language": "de"}])
