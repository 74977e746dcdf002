"""Scale scores: reverse keying, the two-thirds rule, don't-know as missing."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from tandem.analysis.diagnose import diagnose
from tandem.analysis.scores import min_answered, score_responses
from tandem.instrument import load_instrument
from tandem.io.responses import read_responses
from tandem.responses import ResponseSet

INSTRUMENT = load_instrument()


def _responses(likert: np.ndarray) -> ResponseSet:
    ids = tuple(i.id for i in INSTRUMENT.items_for("full") if i.kind == "likert")
    n = likert.shape[0]
    return ResponseSet(
        instrument=INSTRUMENT,
        form="full",
        likert_ids=ids,
        likert=likert,
        choices={"department": np.array(["sales"] * n, dtype=object)},
    )


def test_min_answered_is_two_thirds_rounded_up() -> None:
    assert [min_answered(j) for j in (1, 2, 3, 6, 8, 10, 11)] == [1, 2, 2, 4, 6, 7, 8]


def test_reverse_keyed_item_is_recoded_and_dont_know_is_missing() -> None:
    ids = [i.id for i in INSTRUMENT.items_for("full") if i.kind == "likert"]
    row = np.full((1, len(ids)), np.nan)
    row[0, ids.index("eco_price_1")] = 4
    row[0, ids.index("eco_price_2")] = 5
    row[0, ids.index("eco_price_3")] = 1  # reverse keyed: strongly disagree = aligned (5)
    scored = score_responses(_responses(row))
    assert scored.scale_scores("eco_price")[0] == (4 + 5 + 5) / 3
    # DEF has 8 items, none answered: missing, not 3
    assert np.isnan(scored.scale_scores("DEF")[0])


def test_scale_needs_two_thirds_of_its_items() -> None:
    ids = [i.id for i in INSTRUMENT.items_for("full") if i.kind == "likert"]
    row = np.full((2, len(ids)), np.nan)
    row[0, ids.index("eco_power_1")] = 2  # one of three answered: missing
    row[1, ids.index("eco_power_1")] = 2
    row[1, ids.index("eco_power_2")] = 4  # two of three: scored
    scored = score_responses(_responses(row))
    assert np.isnan(scored.scale_scores("eco_power")[0])
    assert scored.scale_scores("eco_power")[1] == 3.0


@settings(max_examples=40, deadline=None)
@given(
    data=arrays(
        np.float64,
        st.tuples(
            st.integers(1, 25),
            st.just(len([i for i in INSTRUMENT.items_for("full") if i.kind == "likert"])),
        ),
        elements=st.sampled_from([1.0, 2.0, 3.0, 4.0, 5.0, np.nan]),
    )
)
def test_scores_match_a_pandas_recomputation(data: np.ndarray) -> None:
    scored = score_responses(_responses(data))
    ids = [i.id for i in INSTRUMENT.items_for("full") if i.kind == "likert"]
    frame = pd.DataFrame(data, columns=ids)
    for item_id in ids:
        if INSTRUMENT.item(item_id).reverse:
            frame[item_id] = 6 - frame[item_id]
    for scale in scored.scales:
        cols = [i for i in ids if INSTRUMENT.item(i).scale == scale.id]
        answered = frame[cols].notna().sum(axis=1)
        expected = frame[cols].mean(axis=1).where(answered >= np.ceil(len(cols) * 2 / 3))
        got = scored.scale_scores(scale.id)
        np.testing.assert_allclose(got, expected.to_numpy(), equal_nan=True)
        finite = got[~np.isnan(got)]
        assert np.all((finite >= 1) & (finite <= 5))


DONT_KNOW_CELLS = ("dk", "DK", "Weet ik niet / niet van toepassing",
                   "Don't know / not applicable", "n.v.t.", "N/A")


@pytest.mark.parametrize("version", ["tandem-scan-1", "tandem-scan-2"])
@pytest.mark.parametrize("cell", DONT_KNOW_CELLS)
def test_dont_know_and_not_applicable_are_never_scored_as_a_number(
    version: str, cell: str, tmp_path: Path
) -> None:
    """Whatever the cell says, "don't know / not applicable" leaves the statement out of
    the score: the scale is the mean of the other answers, never (a + 3 + b) / 3, and a
    scale answered only with it has no score. Read from a file, as a file says it."""
    instrument = load_instrument(version)
    price = [i.id for i in instrument.scale_items("eco_price")]
    likert = [i.id for i in instrument.items_for("full") if i.kind == "likert"]

    def agree(item_id: str) -> str:  # fully aligned, whichever way the statement runs
        return "1" if instrument.item(item_id).reverse else "5"

    rows = []
    for n in range(12):
        row = {"respondent": f"r{n}", "department": "sales" if n % 2 else "marketing"}
        row.update({i: agree(i) for i in likert})
        row[price[1]] = cell  # one statement of three: don't know
        if n == 0:
            row.update(dict.fromkeys(price, cell))  # every statement: don't know
        rows.append(row)
    path = tmp_path / "answers.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    responses = read_responses(path, instrument)
    assert np.isnan(responses.column(price[1])).all()
    scores = score_responses(responses).scale_scores("eco_price")
    assert np.isnan(scores[0])
    assert (scores[1:] == 5.0).all()  # (5 + 5) / 2, not (5 + 3 + 5) / 3
    result = diagnose(responses, min_group=5)
    scale = result.scale("eco_price")
    assert scale.n == 11 and scale.score == 100.0
    item = next(i for i in scale.items if i.id == price[0])
    assert item.n == 11 and item.missing_rate == pytest.approx(1 / 12)
    assert all(i.id != price[1] for i in scale.items)  # answered by nobody: no figure
