"""The anonymised answers: rows show displayed groups only, and no kept profile
combination (alone or together) holds 1 to k - 1 people."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tandem.privacy.groups import POOL_ID
from tandem.privacy.microdata import (
    EVERYONE,
    QUASI_IDENTIFIERS,
    blanked_columns,
    row_groups,
    small_combination,
)


def _column(values: list[str | None]) -> np.ndarray:
    return np.array(values, dtype=object)


def test_rows_show_the_displayed_group_never_a_pooled_department() -> None:
    groups = {"sales": ("sales",), POOL_ID: ("service", "management")}
    rows = row_groups(["sales", "management", "service", None, "other"], groups)
    # A department in no displayed group (or none given) is pooled too, never shown.
    assert rows.tolist() == ["sales", POOL_ID, POOL_ID, POOL_ID, POOL_ID]


def test_rows_show_everyone_when_the_result_shows_the_total_only() -> None:
    assert row_groups(["sales", "marketing"], {}).tolist() == [EVERYONE, EVERYONE]


def test_a_missing_answer_counts_as_a_value() -> None:
    groups = _column(["sales"] * 8)
    assert small_combination(groups, [_column(["staff"] * 6 + [None] * 2)], 5)
    assert not small_combination(groups, [_column(["staff"] * 3 + [None] * 5)], 3)


def test_level_blanked_when_one_group_level_combination_is_small() -> None:
    groups = _column(["sales"] * 10 + ["marketing"] * 10)
    level = _column(["staff"] * 10 + ["staff"] * 7 + ["manager"] * 3)
    tenure = _column(["lt1", "gt10"] * 10)
    assert blanked_columns(groups, {"level": level, "tenure": tenure}, 5) == {"level": "blanked"}


def test_tenure_blanked_when_level_and_tenure_together_single_people_out() -> None:
    groups = _column(["sales"] * 20)
    level = _column(["staff"] * 10 + ["manager"] * 10)
    tenure = _column(["lt1"] * 8 + ["gt10"] * 2 + ["lt1"] * 2 + ["gt10"] * 8)
    assert blanked_columns(groups, {"level": level, "tenure": tenure}, 5) == {
        "tenure": "blanked_joint"}


def test_large_combinations_keep_both_columns_and_absent_ones_are_skipped() -> None:
    groups = _column(["sales"] * 20)
    level = _column(["staff"] * 10 + ["manager"] * 10)
    tenure = _column((["lt1"] * 5 + ["gt10"] * 5) * 2)
    assert blanked_columns(groups, {"level": level, "tenure": tenure}, 5) == {}
    assert blanked_columns(groups, {"tenure": _column(["lt1"] * 19 + ["gt10"])}, 5) == {
        "tenure": "blanked"}


def test_language_is_blanked_like_a_profile_answer() -> None:
    """The research export's language column: alone, with level, with level and tenure."""
    groups = _column(["sales"] * 20)
    level = _column(["staff"] * 10 + ["manager"] * 10)
    tenure = _column((["lt1"] * 5 + ["gt10"] * 5) * 2)
    alone = _column(["nl"] * 18 + ["en"] * 2)
    assert blanked_columns(groups, {"level": level, "language": alone}, 5) == {
        "language": "blanked"}
    with_level = _column(["nl"] * 7 + ["en"] * 3 + ["nl"] * 3 + ["en"] * 7)
    assert blanked_columns(groups, {"level": level, "language": with_level}, 5) == {
        "language": "blanked_joint"}
    # level × tenure: 5 per cell; language splits each cell 4 + 1, level × language 5 + 5
    language = _column((["nl"] * 4 + ["en"] + ["nl"] + ["en"] * 4) * 2)
    assert not small_combination(groups, [language], 5)
    assert not small_combination(groups, [level, language], 5)
    assert blanked_columns(groups, {"level": level, "tenure": tenure, "language": language},
                           5) == {"language": "blanked_profile"}


profiles = st.integers(min_value=1, max_value=60).flatmap(
    lambda n: st.tuples(
        st.lists(st.sampled_from(("sales", "marketing", POOL_ID)), min_size=n, max_size=n),
        st.lists(st.sampled_from(("staff", "manager", None)), min_size=n, max_size=n),
        st.lists(st.sampled_from(("lt1", "1to3", "gt10", None)), min_size=n, max_size=n),
        st.lists(st.sampled_from(("nl", "en", None)), min_size=n, max_size=n),
    )
)


@given(profile=profiles, k=st.integers(min_value=3, max_value=7))
def test_no_kept_combination_holds_one_to_k_minus_one_people(
    profile: tuple[list[str | None], ...], k: int
) -> None:
    group, *columns = (_column(list(c)) for c in profile)
    present = dict(zip(QUASI_IDENTIFIERS, columns, strict=True))
    blanked = blanked_columns(group, present, k)
    kept = [c for name, c in present.items() if name not in blanked]
    for columns in ([c] for c in kept):
        counts = Counter(zip(group, *columns, strict=True))
        assert all(n >= k for n in counts.values())
    if kept:  # (the groups themselves are the group plan's business)
        counts = Counter(zip(group, *kept, strict=True))  # a row shows all kept at once
        assert all(n >= k for n in counts.values())


def _small_by_counting(groups: np.ndarray, variables: list[np.ndarray], k: int) -> bool:
    """The rule counted row by row, as text (None as ""): the oracle."""
    keys = zip(groups, *variables, strict=True)
    counts = Counter(tuple("" if v is None else str(v) for v in key) for key in keys)
    return any(0 < c < k for c in counts.values())


values = st.sampled_from(("staff", "manager", "", None, float("nan"), 3, "3", "nan"))


@given(rows=st.lists(st.tuples(st.sampled_from(("sales", POOL_ID)), values, values),
                     max_size=40),
       k=st.integers(min_value=2, max_value=6))
def test_small_combination_counts_as_text_like_a_row_by_row_count(
    rows: list[tuple[object, ...]], k: int
) -> None:
    """Coded by hashing, compared as text: None and "" alike, 3 and "3" alike, NaN as
    "nan"; whatever the mix of types in a column."""
    group, *columns = (np.array([row[i] for row in rows], dtype=object) for i in range(3))
    assert small_combination(group, columns, k) == _small_by_counting(group, columns, k)


def test_small_combination_of_many_distinct_columns_does_not_overflow() -> None:
    """Four columns of 5,000 distinct values each: 5,000**4 keys would overflow 64 bits
    unless renumbered after each column."""
    n = 5_000
    ids = np.array([f"id{i}" for i in range(n)], dtype=object)
    groups = np.array(["sales"] * n, dtype=object)
    assert small_combination(groups, [ids, ids[::-1].copy(), ids, ids], 2)
    assert not small_combination(groups, [ids, ids], 1)


def test_small_combination_wants_one_value_per_row() -> None:
    with pytest.raises(ValueError, match="one value per row"):
        small_combination(_column(["sales"] * 3), [_column(["staff"] * 2)], 2)
