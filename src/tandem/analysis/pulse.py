"""The follow-up pulse: a few statements of the scales an action plan should move, asked
again some weeks later, and what moved.

Choosing the statements (:func:`choose_statements`), a fixed rule so that the same plan
and baseline always give the same pulse:

* The scales are those of the actions, in the order they first appear; a pulse holds
  :data:`MIN_STATEMENTS` to :data:`MAX_STATEMENTS` statements, so it measures at most
  eight scales.
* Each scale gets the same quota: ``min(3, 8 // number of scales)`` statements (one
  scale 3, two 3 each, three 2 each, four 2 each, five to eight 1 each), never more
  than the baseline's form asked. Should that leave fewer than three statements in
  all, the scales with statements to spare get one more each, in turn.
* Within a scale the statements are ranked by their corrected item-total (item-rest)
  correlation in the baseline's own answers (reverse-keyed statements recoded first;
  pairwise-complete covariances, as for reliability), best first; a statement without
  a correlation comes last, ties in the instrument's order. A statement that hangs
  together best with the rest of its scale stands in best for the scale.
* Keying balance: when a scale gets two or more statements, has statements of both
  keyings and the best ones are all of one keying, the last one taken is swapped for
  the best statement of the other keying, so agreeing with everything does not move
  the pulse score by itself.

Comparing (:func:`compare_pulse`): like with like. The baseline is scored again on the
pulse's statements only (a score needs two thirds of *those* statements, as any scale
score does), and both waves go through :func:`tandem.analysis.compare.compare_waves`
unchanged: the same 0-100 scores, Welch 95% interval, Benjamini-Hochberg q over all
rows, the same verdict ("moved" at 5 points or more and q < 0.10; "no clear change"
when the interval rules a 5-point move out; else "too few to tell"), and the same
anonymity: groups only where each wave shows them with the same departments under the
stricter k, nothing below k, nothing compared when the waves' withheld pools differ.

Pure Python and numpy; no Django.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from tandem.analysis.compare import WaveComparison, compare_waves
from tandem.analysis.reliability import item_rest, pairwise_covariance
from tandem.analysis.scores import score_responses
from tandem.i18n import Text
from tandem.instrument.model import Form, Instrument, Item
from tandem.privacy import wave_k
from tandem.responses import ResponseSet

MIN_STATEMENTS = 3
MAX_STATEMENTS = 8
MAX_PER_SCALE = 3
#: The profile question a pulse asks besides its statements: the department, which the
#: group plan needs. Level, tenure and segment are left out (fewer ways to be recognised).
PULSE_PROFILE = ("department",)

#: What a pulse says per scale and group; ``not_shown`` when below k.
VERDICTS: dict[str, Text] = {
    "up": Text("Vooruit gegaan", "Moved up"),
    "down": Text("Achteruit gegaan", "Moved down"),
    "no_change": Text("Geen duidelijke verandering", "No clear change"),
    "too_few_to_tell": Text("Te weinig om te zeggen", "Too few to tell"),
    "not_shown": Text("Niet getoond (te weinig mensen)", "Not shown (too few people)"),
}


class PulseError(ValueError):
    """The scales cannot make a pulse (none, too many, or none asked at the baseline)."""


@dataclass(frozen=True, slots=True)
class ScaleStatements:
    """The statements a pulse asks for one scale, best first by the rule above."""

    scale: str
    items: tuple[str, ...]
    item_rest: tuple[float, ...]  # the baseline's item-rest correlation of each, NaN unknown
    candidates: int  # statements of the scale in the baseline's form


@dataclass(frozen=True, slots=True)
class PulseStatements:
    scales: tuple[ScaleStatements, ...]

    @property
    def items(self) -> tuple[str, ...]:
        return tuple(i for s in self.scales for i in s.items)

    def of(self, scale_id: str) -> ScaleStatements | None:
        return next((s for s in self.scales if s.scale == scale_id), None)


def pulse_scales(scales: Iterable[str]) -> tuple[str, ...]:
    """The distinct scales in the order they first appear."""
    return tuple(dict.fromkeys(scales))


def quotas(sizes: Sequence[int]) -> list[int]:
    """Statements per scale for scales with ``sizes`` candidates each (the rule above)."""
    if not sizes:
        return []
    base = min(MAX_PER_SCALE, MAX_STATEMENTS // len(sizes))
    quota = [min(base, size) for size in sizes]
    while sum(quota) < MIN_STATEMENTS and any(q < s for q, s in zip(quota, sizes, strict=True)):
        for i, size in enumerate(sizes):
            if quota[i] < size and sum(quota) < MIN_STATEMENTS:
                quota[i] += 1
    return quota


def _ranked(items: Sequence[Item], correlations: Sequence[float]) -> list[int]:
    """Indexes of ``items`` best first: highest item-rest, unknown last, then item order."""
    return sorted(range(len(items)), key=lambda j: (
        math.isnan(correlations[j]), -correlations[j] if not math.isnan(correlations[j]) else 0.0,
        j))


def _balanced(items: Sequence[Item], order: list[int], quota: int) -> list[int]:
    taken = order[:quota]
    keyings = {items[j].keying for j in taken}
    if quota >= 2 and len(keyings) == 1:
        other = next((j for j in order[quota:] if items[j].keying not in keyings), None)
        if other is not None:
            taken[-1] = other
    return taken


def _correlations(baseline: ResponseSet | None, scale_id: str, n_items: int) -> list[float]:
    if baseline is None or baseline.n < 2:
        return [math.nan] * n_items
    scored = score_responses(baseline)
    if scale_id not in scored.scale_columns:
        return [math.nan] * n_items
    cov, _pairs = pairwise_covariance(scored.scale_items(scale_id))
    return [float(r) for r in item_rest(cov)]


def choose_statements(instrument: Instrument, scales: Iterable[str], *,
                      form: Form = "full", baseline: ResponseSet | None = None
                      ) -> PulseStatements:
    """The pulse's statements for ``scales`` (see the module docstring).

    ``baseline`` holds the answers the correlations come from (the scan the plan came
    from); without it the statements are taken in the instrument's order.
    """
    wanted = pulse_scales(scales)
    if not wanted:
        raise PulseError("no scale to measure: give the actions a scale they should move")
    if len(wanted) > MAX_STATEMENTS:
        raise PulseError(f"a pulse measures at most {MAX_STATEMENTS} scales")
    candidates = {s: instrument.scale_items(s, form) for s in wanted}
    asked = [s for s in wanted if candidates[s]]
    if not asked:
        raise PulseError("none of these scales was asked at the baseline")
    chosen: list[ScaleStatements] = []
    for scale_id, quota in zip(asked, quotas([len(candidates[s]) for s in asked]),
                               strict=True):
        items = candidates[scale_id]
        # score_responses orders a scale's columns as the response set does: item order
        correlations = _correlations(baseline, scale_id, len(items))
        order = _ranked(items, correlations)
        balanced = set(_balanced(items, order, quota))
        taken = [j for j in order if j in balanced]  # best first
        chosen.append(ScaleStatements(
            scale=scale_id, items=tuple(items[j].id for j in taken),
            item_rest=tuple(correlations[j] for j in taken), candidates=len(items)))
    return PulseStatements(tuple(chosen))


def on_statements(responses: ResponseSet, item_ids: Iterable[str]) -> ResponseSet:
    """``responses`` with only the Likert statements ``item_ids`` (profile kept)."""
    keep = set(item_ids)
    columns = [j for j, i in enumerate(responses.likert_ids) if i in keep]
    return replace(
        responses,
        likert_ids=tuple(responses.likert_ids[j] for j in columns),
        likert=responses.likert[:, columns],
        likert_dk=None if responses.likert_dk is None else responses.likert_dk[:, columns],
    )


def compare_pulse(baseline: ResponseSet, pulse: ResponseSet, statements: Iterable[str], *,
                  k_baseline: int, k_pulse: int) -> WaveComparison:
    """The baseline scored again on the pulse's statements against the pulse (see the
    module docstring); rows only where both waves show a figure."""
    items = tuple(statements)
    return compare_waves(on_statements(baseline, items), on_statements(pulse, items),
                         min_group=wave_k(k_baseline, k_pulse), own_k=(k_baseline, k_pulse))


def verdict(comparison: WaveComparison, scale_id: str, group: str = "all") -> str:
    """The verdict of one scale in one group; ``not_shown`` when there is no row."""
    row = comparison.scale(scale_id, group)
    return "not_shown" if row is None else row.verdict


__all__ = [
    "MAX_PER_SCALE",
    "MAX_STATEMENTS",
    "MIN_STATEMENTS",
    "PULSE_PROFILE",
    "VERDICTS",
    "PulseError",
    "PulseStatements",
    "ScaleStatements",
    "choose_statements",
    "compare_pulse",
    "on_statements",
    "pulse_scales",
    "quotas",
    "verdict",
]
