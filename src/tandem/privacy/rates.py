"""Response rates per invited department, under the threshold k.

A department's count of finished responses is shown only when it is at least k.
Departments below k are pooled; since the total is shown, the pool itself must be 0 or
at least k (else it is the total minus the shown rows), so the smallest shown
department joins the pool until it is: the same loop as the group plan
(:func:`tandem.privacy.pooling.grow_to_k`). Invited numbers are the organisation's own
input and are shown.

Why not :func:`tandem.privacy.groups.plan_groups` itself: the rows here are the
departments as *invited* (an invitation may carry no department, key ``""``), counted
by finished responses while the scan may still be open, and the table must show every
department somewhere, also below k. So the order differs: the next to join the pool is
simply the smallest by finished responses, then by key; Sales and Marketing get no
priority and ``other`` is not forced into the pool, because this table makes no
Sales-Marketing comparison and no ``other`` group is displayed beside it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from tandem.privacy.pooling import grow_to_k
from tandem.privacy.threshold import may_show, shown_count

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
    total = RateRow("", invited_total, shown_count(finished_total, k))
    if not may_show(finished_total, k):
        rows = tuple(RateRow(dep, inv, None) for dep, (inv, _fin) in sorted(counts.items()))
        return RateTable(rows=rows, total=total, k=k)
    finished = {dep: fin for dep, (_inv, fin) in counts.items()}
    small = {dep for dep, fin in finished.items() if not may_show(fin, k)}
    pooled = grow_to_k(finished, small, k, key=lambda d: (finished[d], d))
    shown_rows = [
        RateRow(dep, inv, fin) for dep, (inv, fin) in sorted(counts.items()) if dep not in pooled
    ]
    if pooled:
        fin = sum(finished[d] for d in pooled)
        shown_rows.append(
            RateRow(
                POOLED,
                sum(counts[d][0] for d in pooled),
                shown_count(fin, k),
                members=tuple(sorted(pooled)),
            )
        )
    return RateTable(rows=tuple(shown_rows), total=total, k=k)


__all__ = ["POOLED", "RateRow", "RateTable", "response_rates"]
