"""Item recoding and scale scores per respondent (analysis.md, "Scores").

* Likert 1-5; "don't know" is missing (NaN), never a 3.
* Reverse-keyed items are recoded 6 - x, so that agreement always means alignment.
* A respondent's scale score is the mean of the answered items when at least two thirds
  of the scale's items are answered; otherwise it is missing.
* The 0-100 form is (mean - 1) / 4 * 100; a tension source's tension is 100 - alignment.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from tandem.analysis.descriptives import to_percent_scale
from tandem.instrument.model import Scale
from tandem.responses import FloatArray, ResponseSet

MIN_ANSWERED_SHARE = 2 / 3


def min_answered(n_items: int) -> int:
    """Items a respondent must answer for a scale score (two thirds, rounded up)."""
    return max(1, math.ceil(n_items * MIN_ANSWERED_SHARE - 1e-9))


@dataclass(frozen=True)
class ScoredResponses:
    """Recoded item answers and respondent-level scale scores of one response set."""

    responses: ResponseSet
    scales: tuple[Scale, ...]
    items: FloatArray  # (n, m) recoded answers 1-5, NaN missing; columns = likert_ids
    scale_columns: dict[str, npt.NDArray[np.intp]]  # scale id -> item column indexes
    scores: FloatArray  # (n, len(scales)) respondent scale means 1-5, NaN when missing
    percent: FloatArray  # the same on the 0-100 scale, computed once for every face

    def scale_index(self, scale_id: str) -> int:
        return [s.id for s in self.scales].index(scale_id)

    def scale_items(self, scale_id: str) -> FloatArray:
        return self.items[:, self.scale_columns[scale_id]]

    def scale_scores(self, scale_id: str) -> FloatArray:
        return self.scores[:, self.scale_index(scale_id)]

    def scale_percent(self, scale_id: str) -> FloatArray:
        return self.percent[:, self.scale_index(scale_id)]


def score_responses(responses: ResponseSet) -> ScoredResponses:
    """Recode reverse-keyed items and compute every scale score of every respondent."""
    instrument = responses.instrument
    ids = responses.likert_ids
    reverse = np.array([instrument.item(i).reverse for i in ids], dtype=bool)
    items = np.where(reverse, 6.0 - responses.likert, responses.likert)  # one pass, a new array

    scales: list[Scale] = []
    columns: dict[str, npt.NDArray[np.intp]] = {}
    for scale in instrument.scales:
        cols = np.array(
            [j for j, item_id in enumerate(ids) if instrument.item(item_id).scale == scale.id],
            dtype=np.intp,
        )
        if cols.size:
            scales.append(scale)
            columns[scale.id] = cols

    # every scale at once: answers and answered counts times a statements × scales 0/1
    # matrix (sums of whole numbers, so exact: the same scores as a loop over the scales)
    membership = np.zeros((len(ids), len(scales)))
    for s, scale in enumerate(scales):
        membership[columns[scale.id], s] = 1.0
    missing = np.isnan(items)
    answered = (~missing).astype(np.float64) @ membership
    sums = np.where(missing, 0.0, items) @ membership
    needed = np.array([min_answered(len(columns[scale.id])) for scale in scales])
    with np.errstate(invalid="ignore", divide="ignore"):
        scores = np.where(answered >= needed, sums / answered, np.nan)
    return ScoredResponses(
        responses=responses,
        scales=tuple(scales),
        items=items,
        scale_columns=columns,
        scores=scores,
        percent=to_percent_scale(scores),
    )
