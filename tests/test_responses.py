"""ResponseSet.from_records: the validated input the web app builds from stored answers."""

from __future__ import annotations

import numpy as np
import pytest

from tandem.i18n import Text
from tandem.instrument import load_instrument
from tandem.responses import Problem, ResponseDataError, ResponseSet, parse_likert

INSTRUMENT = load_instrument()


def test_records_become_arrays_with_dont_know_as_missing() -> None:
    rs = ResponseSet.from_records(
        INSTRUMENT,
        "quick",
        [
            {"department": "Sales", "def_roles": "4", "eco_price_1": "dk"},
            {"department": "marketing", "def_roles": "", "eco_price_1": 2},
        ],
    )
    assert rs.n == 2
    assert list(rs.department) == ["sales", "marketing"]
    assert rs.column("def_roles")[0] == 4.0
    assert np.isnan(rs.column("def_roles")[1])
    assert np.isnan(rs.column("eco_price_1")[0])
    assert rs.column("eco_price_1")[1] == 2.0
    assert rs.subset(np.array([False, True])).department.tolist() == ["marketing"]


def test_every_bad_value_is_reported_with_record_and_item() -> None:
    with pytest.raises(ResponseDataError) as caught:
        ResponseSet.from_records(
            INSTRUMENT,
            "full",
            [
                {"department": "sales", "def_roles": "6"},
                {"department": "chef", "dr_pricing": "ceo", "bogus": "1"},
            ],
        )
    found = {(p.row, p.column) for p in caught.value.problems}
    assert found == {(1, "def_roles"), (2, "department"), (2, "dr_pricing"), (2, None)}
    assert "nothing was scored" in str(caught.value)


@pytest.mark.parametrize(
    ("raw", "value"), [("1", 1.0), (" 5 ", 5.0), ("3,0", 3.0), ("DK", None), ("", None)]
)
def test_parse_likert_accepts_codes_and_dont_know(raw: str, value: float | None) -> None:
    parsed, problem = parse_likert(raw)
    assert problem is None
    assert (np.isnan(parsed) if value is None else parsed == value)


@pytest.mark.parametrize("raw", ["0", "2.5", "x", "10"])
def test_parse_likert_rejects_everything_else(raw: str) -> None:
    parsed, problem = parse_likert(raw)
    assert np.isnan(parsed)
    assert problem is not None
    assert raw in problem.en and raw in problem.nl


def test_the_refusal_counts_its_problems_in_words_of_either_language() -> None:
    one = ResponseDataError([Problem.of(Text("fout", "wrong"), row=2)], source="f.csv")
    two = ResponseDataError([Problem.of("wrong", row=2), Problem.of("wrong", row=3)],
                            source="f.csv")
    assert one.describe("nl").startswith("f.csv: 1 probleem, er is niets berekend:\n")
    assert one.describe("en").startswith("f.csv: 1 problem, nothing was scored:\n")
    assert two.describe("nl").startswith("f.csv: 2 problemen, er is niets berekend:\n")
    assert str(two).startswith("f.csv: 2 problems, nothing was scored:\n")
