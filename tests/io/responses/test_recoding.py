"""Recoding cell texts into answers: Likert numbers, option codes, texts and respondent ids."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from tandem.io.demo import generate_responses
from tandem.io.responses import read_responses
from tandem.io.writers import write_csv
from tandem.responses import ResponseSet
from tests.io.responses import INSTRUMENT, likert, write


def test_values_with_spaces_case_and_decimals_are_accepted(tmp_path: Path) -> None:
    path = write(tmp_path, "department,def_roles,level\n SALES ,3.0,Staff\nservice, 2 ,\n")
    rs = read_responses(path)
    assert list(rs.department) == ["sales", "service"]
    assert likert(rs, "def_roles") == [3.0, 2.0]
    assert list(rs.choices["level"]) == ["staff", None]


def test_respondent_ids_are_text_not_numbers(tmp_path: Path) -> None:
    rs = read_responses(write(tmp_path, "respondent,department\n001,sales\n1,sales\n1.0,sales\n"))
    assert rs.respondent_ids == ("001", "1", "1.0")


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
