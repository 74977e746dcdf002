"""The one pooling loop: grow a set of withheld (or pooled) members until it holds
0 or at least k respondents.

Every partition the pages show comes with its total, so the part that is not shown on
its own (a pool, the withheld cells of a row) is the total minus the shown parts: it
must itself hold 0 or at least k respondents. The callers differ only in where they
start and which member joins next (``key``: the first in that order joins first).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping
from typing import Any


def grow_to_k[T: Hashable](
    sizes: Mapping[T, int], start: Iterable[T], k: int, key: Callable[[T], Any]
) -> set[T]:
    """``start`` plus, one at a time, the first other member in ``key`` order, while the
    chosen members together hold 1 to k - 1 respondents (and any member is left)."""
    chosen = set(start)
    while 0 < sum(sizes[m] for m in chosen) < k:
        rest = [m for m in sizes if m not in chosen]
        if not rest:
            break
        chosen.add(min(rest, key=key))
    return chosen


__all__ = ["grow_to_k"]
