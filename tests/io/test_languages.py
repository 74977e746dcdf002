"""Each respondent's language beside the answers (tandem.io.languages)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from tandem.io.demo import generate_responses
from tandem.io.languages import load_with_languages

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _file(tmp_path: Path, frame: pd.DataFrame, name: str = "answers.csv") -> Path:
    path = tmp_path / name
    frame.to_csv(path, index=False)
    return path


def _with_language(n: int) -> pd.DataFrame:
    frame = generate_responses(n, 3)
    frame.insert(2, "Language", ["nl", "en-GB", ""][: 3] * (n // 3) + ["nl"] * (n % 3))
    return frame


def test_a_language_column_of_tandems_format_lines_up_by_respondent(tmp_path: Path) -> None:
    frame = _with_language(30)
    found = load_with_languages(_file(tmp_path, frame.iloc[::-1]))
    assert found.source == "column" and found.loaded.responses.n == 30
    by_id = dict(zip(found.loaded.responses.respondent_ids, found.languages or (), strict=True))
    assert by_id["r00001"] == "nl" and by_id["r00002"] == "en-GB" and by_id["r00003"] is None


def test_without_respondent_ids_it_lines_up_row_by_row_past_blank_rows(tmp_path: Path) -> None:
    frame = _with_language(9).drop(columns=["respondent"])
    blank = pd.DataFrame([[""] * len(frame.columns)], columns=frame.columns)
    found = load_with_languages(_file(tmp_path, pd.concat([frame.iloc[:4], blank,
                                                           frame.iloc[4:]])))
    assert found.loaded.responses.n == 9
    assert found.languages == ("nl", "en-GB", None) * 3


def test_a_users_mapping_file_needs_no_line_for_the_language_column(tmp_path: Path) -> None:
    """The response format reads the optional language column itself now."""
    mapping = tmp_path / "mapping.csv"
    mapping.write_text("header,question_id\nrespondent,respondent\n", "utf-8")
    found = load_with_languages(_file(tmp_path, _with_language(6)), mapping=mapping)
    assert found.loaded.responses.n == 6 and found.languages is not None
    assert set(found.languages) == {"nl", "en-GB", None} or set(found.languages) == {
        "nl", "en", None}


def test_an_export_brings_its_own_language_and_a_plain_file_none(tmp_path: Path) -> None:
    found = load_with_languages(FIXTURES / "roundtrip/limesurvey/responses.csv")
    # The response set carries the export's languages itself (or the import report does).
    assert found.source in ("responses", "export") and found.languages is not None
    assert set(found.languages) == {"nl"}
    plain = load_with_languages(_file(tmp_path, generate_responses(10, 4)))
    assert (plain.source, plain.languages) == ("none", None)
