"""Open comments per group where the group alone reaches the comment threshold, else pooled.

The survey tells respondents this rule before they write (tests/web/survey), so it is
checked here on hand-made answers whose text names the writer's department, against
the expected split worked out by hand, and through the whole diagnosis.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from tandem.analysis.comments import question_sets
from tandem.analysis.diagnose import diagnose
from tandem.contract.result import CommentSet, Result
from tandem.instrument import load_instrument
from tandem.privacy import DEFAULT_COMMENT_K
from tandem.responses import ResponseSet
from tests.analysis.test_diagnose import make_records

ORDER = ("sales", "marketing", "service", "management", "other")
K = 10


def _texts(counts: dict[str, int]) -> dict[str, list[str]]:
    return {group: [f"{group} says {i}" for i in range(n)] for group, n in counts.items() if n}


def _split(counts: dict[str, int]) -> list[tuple[tuple[str, ...], bool, int]]:
    sets, _note = question_sets("open_friction", _texts(counts), K, ORDER)
    return [(s.groups, s.shown, len(s.texts)) for s in sets]


@pytest.mark.parametrize(("counts", "expected"), [
    # every group reaches 10: each on its own, nothing pooled
    ({"sales": 12, "marketing": 10, "service": 15},
     [(("sales",), True, 12), (("marketing",), True, 10), (("service",), True, 15)]),
    # two small groups reach 10 together: a pool of the two beside the large one
    ({"sales": 20, "marketing": 6, "service": 5},
     [(("sales",), True, 20), (("marketing", "service"), True, 11)]),
    # small groups below 10 together: the smallest other group joins them (sales, 12,
    # before marketing, 30), so sales is pooled although it reaches 10 alone
    ({"sales": 12, "marketing": 30, "service": 4},
     [(("marketing",), True, 30), (("sales", "service"), True, 16)]),
    # one large group and one tiny one: all together, as before groups were shown
    ({"sales": 12, "management": 2}, [(("sales", "management"), True, 14)]),
    # fewer than 10 in all: withheld, without saying whose they were
    ({"sales": 6, "service": 3}, [((), False, 0)]),
    # nobody wrote anything: the question, not shown
    ({}, [((), False, 0)]),
])
def test_the_split_per_group_or_pooled(counts: dict[str, int],
                                       expected: list[tuple[tuple[str, ...], bool, int]]) -> None:
    assert _split(counts) == expected


def test_every_text_lands_once_and_only_in_its_own_groups_set() -> None:
    texts = _texts({"sales": 25, "marketing": 7, "service": 11, "management": 2, "other": 1})
    sets, note = question_sets("open_friction", texts, K, ORDER)
    assert note is None
    shown = [t for s in sets for t in s.texts]
    assert Counter(shown) == Counter(t for found in texts.values() for t in found)
    for s in sets:
        assert {t.split()[0] for t in s.texts} == set(s.groups)
        assert len(s.texts) >= K
    assert [s.groups for s in sets] == [("sales",), ("service",),
                                        ("marketing", "management", "other")]


def test_a_withheld_question_is_noted_and_keeps_no_texts() -> None:
    sets, note = question_sets("open_change", _texts({"sales": 4, "marketing": 5}), K, ORDER)
    assert sets == [CommentSet("open_change", shown=False, texts=())]
    assert note is not None and (note.what, note.subject, note.reason) == (
        "comments", "open_change", "comment_threshold")


def test_the_order_within_a_set_is_shuffled_but_repeatable() -> None:
    texts = _texts({"sales": 30})
    (first,), _ = question_sets("open_friction", texts, K, ORDER)
    (again,), _ = question_sets("open_friction", {"sales": texts["sales"][::-1]}, K, ORDER)
    assert first.texts == again.texts  # the input order says nothing
    assert list(first.texts) != sorted(first.texts)


# ---------------------------------------------------------------- through the diagnosis


def _diagnosed(sizes: dict[str, int], writers: dict[str, int]) -> Result:
    """``writers[d]`` people of department ``d`` answer the open question."""
    instrument = load_instrument()
    levels = dict.fromkeys(sizes, 3.0)
    records: list[dict[str, Any]] = make_records(sizes, levels, seed=5)
    written: Counter[str] = Counter()
    for record in records:
        department = record["department"]
        if written[department] < writers.get(department, 0):
            record["open_friction"] = f"{department} writes {written[department]}"
            written[department] += 1
    return diagnose(ResponseSet.from_records(instrument, "full", records), min_group=5)


def test_the_diagnosis_shows_comments_per_group_and_pools_the_rest() -> None:
    assert DEFAULT_COMMENT_K == K
    result = _diagnosed({"sales": 30, "marketing": 20, "service": 12, "management": 6},
                        {"sales": 14, "marketing": 10, "service": 6, "management": 5})
    friction = [c for c in result.comments if c.question == "open_friction"]
    assert [(c.groups, len(c.texts)) for c in friction] == [
        (("sales",), 14), (("marketing",), 10), (("service", "management"), 11)]
    for c in friction:
        assert {t.split()[0] for t in c.texts} == set(c.groups)
    (change,) = [c for c in result.comments if c.question == "open_change"]
    assert not change.shown  # nobody answered it
    assert not any(s.reason == "comment_threshold" for s in result.suppressed)


def test_the_diagnosis_withholds_a_question_with_too_few_answers() -> None:
    result = _diagnosed({"sales": 30, "marketing": 20}, {"sales": 5, "marketing": 4})
    friction = [c for c in result.comments if c.question == "open_friction"]
    assert friction == [CommentSet("open_friction", shown=False, texts=())]
    assert ("comments", "open_friction", "comment_threshold") in {
        (s.what, s.subject, s.reason) for s in result.suppressed}
