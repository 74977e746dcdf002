"""A response file is read with the questionnaire version its headings name."""

from __future__ import annotations

from pathlib import Path

import pytest

from tandem.instrument import load_instrument
from tandem.io.demo import generate_responses
from tandem.io.responses import detect_instrument, read_responses
from tandem.io.writers import write_csv

FIXTURES = Path(__file__).parents[2] / "fixtures"
V1, V2 = load_instrument("tandem-scan-1"), load_instrument("tandem-scan-2")


def _file(tmp_path: Path, version: str, form: str = "full") -> Path:
    frame = generate_responses(12, 3, "default", form=form,  # type: ignore[arg-type]
                               instrument=load_instrument(version))
    path = tmp_path / f"{version}-{form}.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        write_csv(frame, handle)
    return path


@pytest.mark.parametrize("form", ["full", "quick"])
@pytest.mark.parametrize("version", ["tandem-scan-1", "tandem-scan-2"])
def test_a_file_of_each_version_is_read_as_that_version(
    tmp_path: Path, version: str, form: str
) -> None:
    path = _file(tmp_path, version, form)
    assert detect_instrument(path) is load_instrument(version)
    responses = read_responses(path)
    assert responses.instrument is load_instrument(version) and responses.form == form


@pytest.mark.parametrize("name", ["qualtrics/choice_text.csv", "qualtrics/numeric.tsv",
                                  "limesurvey/codes.csv", "google_forms/responses.csv",
                                  "ms_forms/responses.xlsx", "surveymonkey/responses.csv"])
def test_another_tools_export_by_its_codes_or_question_texts(name: str) -> None:
    """The import fixtures answer version 1: recognised by LimeSurvey codes or texts."""
    assert detect_instrument(FIXTURES / name) is V1


def test_shared_questions_only_or_an_unreadable_file_give_the_default(tmp_path: Path) -> None:
    shared = tmp_path / "shared.csv"
    shared.write_text("respondent,department,def_roles,eco_price_1\nr1,sales,4,3\n", "utf-8")
    assert detect_instrument(shared) is V2
    assert detect_instrument(tmp_path / "missing.csv") is V2
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert detect_instrument(empty) is V2


def test_an_instrument_given_is_used_as_given(tmp_path: Path) -> None:
    path = _file(tmp_path, "tandem-scan-2")
    with pytest.raises(ValueError, match="unknown column 'def_lead_owner'"):
        read_responses(path, V1)
