"""The one pooling loop: the chosen members end with 0 or at least k respondents."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tandem.privacy.pooling import grow_to_k

sizes_strategy = st.dictionaries(
    st.text(alphabet="abcdefg", min_size=1, max_size=2), st.integers(min_value=0, max_value=15),
    max_size=8,
)


@given(sizes=sizes_strategy, k=st.integers(min_value=3, max_value=10), data=st.data())
def test_the_pool_holds_zero_or_at_least_k_unless_everything_is_in_it(
    sizes: dict[str, int], k: int, data: st.DataObject
) -> None:
    start = data.draw(st.sets(st.sampled_from(sorted(sizes)) if sizes else st.nothing()))
    chosen = grow_to_k(sizes, start, k, key=lambda m: (sizes[m], m))
    assert start <= chosen
    held = sum(sizes[m] for m in chosen)
    assert held == 0 or held >= k or chosen == set(sizes)


@given(sizes=sizes_strategy, k=st.integers(min_value=3, max_value=10))
def test_members_join_smallest_first_and_no_more_than_needed(sizes: dict[str, int], k: int) -> None:
    start = {m for m, n in sizes.items() if n < k}
    chosen = grow_to_k(sizes, start, k, key=lambda m: (sizes[m], m))
    added = sorted(chosen - start, key=lambda m: (sizes[m], m))
    rest = [m for m in sizes if m not in chosen]
    if added:
        assert all((sizes[a], a) < (sizes[r], r) for a in added for r in rest)
        # Without the last one to join, the pool was still 1 to k - 1.
        before = sum(sizes[m] for m in chosen) - sizes[added[-1]]
        assert 0 < before < k


def test_the_key_decides_who_joins() -> None:
    sizes = {"sales": 6, "service": 8, "tiny": 2}
    assert grow_to_k(sizes, {"tiny"}, 5, key=lambda m: sizes[m]) == {"tiny", "sales"}
    assert grow_to_k(sizes, {"tiny"}, 5, key=lambda m: (m == "sales", sizes[m])) == {
        "tiny", "service"}


def test_an_empty_or_large_start_stays_as_it_is() -> None:
    assert grow_to_k({"a": 9, "b": 9}, set(), 5, key=str) == set()
    assert grow_to_k({"a": 9, "b": 0}, {"b"}, 5, key=str) == {"b"}
    assert grow_to_k({"a": 9, "b": 6}, {"b"}, 5, key=str) == {"b"}
