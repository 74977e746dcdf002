"""Response-rate figures that obey the anonymity threshold k (analysis.md, Anonymity).

A department's count of responses is shown only when it is at least k. Departments
below k are pooled; since the total is shown, the pool itself must be 0 or at least k
(else it is the total minus the shown rows), so the smallest shown department joins
the pool until it is. Invited numbers are the organisation's own input and are shown.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

POOLED = "__pooled__"


@dataclass(frozen=True, slots=True)
class RateRow:
    key: str  # a department code, "" for unknown, or POOLED
    invited: int
    finished: int | None  # None: withheld (fewer than k)
    members: tuple[str, ...] = ()  # for the pooled row: which departments it holds

    @property
    def rate(self) -> float | None:
        if self.finished is None or self.invited == 0:
            return None
        return self.finished / self.invited


@dataclass(frozen=True, slots=True)
class RateTable:
    rows: tuple[RateRow, ...]
    total: RateRow
    k: int


def response_rates(counts: Mapping[str, tuple[int, int]], k: int) -> RateTable:
    """``counts`` maps department -> (invited, finished); returns what may be shown."""
    invited_total = sum(inv for inv, _fin in counts.values())
    finished_total = sum(fin for _inv, fin in counts.values())
    total = RateRow("", invited_total, finished_total if finished_total >= k else None)
    if finished_total < k:
        rows = tuple(RateRow(dep, inv, None) for dep, (inv, _fin) in sorted(counts.items()))
        return RateTable(rows=rows, total=total, k=k)
    shown = {dep: v for dep, v in counts.items() if v[1] >= k}
    pooled = {dep: v for dep, v in counts.items() if v[1] < k}

    def pool_finished() -> int:
        return sum(fin for _inv, fin in pooled.values())

    while shown and 0 < pool_finished() < k:
        smallest = min(shown, key=lambda d: (shown[d][1], d))
        pooled[smallest] = shown.pop(smallest)
    shown_rows = [RateRow(dep, inv, fin) for dep, (inv, fin) in sorted(shown.items())]
    if pooled:
        fin = pool_finished()
        shown_rows.append(
            RateRow(
                POOLED,
                sum(inv for inv, _fin in pooled.values()),
                fin if fin >= k else None,
                members=tuple(sorted(pooled)),
            )
        )
    return RateTable(rows=tuple(shown_rows), total=total, k=k)
