"""Every Likert answer of a scan summarised once: per group and statement, how often each
answer was given, and the variance of the group's answers.

Why: a scale's item distributions, its pooled favourability and the item variances
behind r*wg(j) per group were each a pass over the (respondents × statements) answers,
the group variances one per statement; at 100,000 respondents and
17 scales that was about a third of the diagnosis. Here they are one ``bincount`` each
over all answers. The variances are summed in the same order as before (a weighted
``bincount`` adds in row order per bin), so every figure keeps its last digit.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from tandem.analysis.descriptives import check_likert

IntArray = npt.NDArray[np.intp]
FloatArray = npt.NDArray[np.float64]
ANSWERS = 6  # slot 0: missing, slots 1-5: the answer


@dataclass(frozen=True)
class AnswerCounts:
    """``table[g + 1, j, a]``: how many respondents of group g gave answer a (0 for
    missing) to statement j, ``table[0]`` those in no group; ``group_variances[g, j]``:
    the variance (ddof 1) of group g's answers to statement j, NaN below two answers."""

    table: IntArray
    group_variances: FloatArray

    def overall(self, columns: IntArray) -> IntArray:
        """(statements, 6): the counts of every respondent, in a group or not."""
        counts: IntArray = self.table[:, columns].sum(axis=0)
        return counts


def count_answers(items: FloatArray, groups: npt.NDArray[np.int64], n_groups: int) -> AnswerCounts:
    """Summarise the answers of an (n, m) matrix of 1–5 or NaN by ``groups`` (0 to
    n_groups - 1, or -1 for none); ValueError on any other answer."""
    x = np.asarray(items, dtype=np.float64)
    m = x.shape[1]
    missing = np.isnan(x)
    answers = np.where(missing, 0.0, x)
    codes = answers.astype(np.intp)
    # one cheap test of the usual case; the full check names the answers that are not 1..5
    if codes.size and (codes.min() < 0 or codes.max() >= ANSWERS
                       or not np.array_equal(codes, answers)
                       or np.count_nonzero(codes == 0) != np.count_nonzero(missing)):
        check_likert(x[~missing])
    cell = (np.asarray(groups, dtype=np.intp) + 1)[:, np.newaxis] * m + np.arange(m)
    table = np.bincount((cell * ANSWERS + codes).ravel(), minlength=(n_groups + 1) * m * ANSWERS)
    return AnswerCounts(
        table=table.reshape(n_groups + 1, m, ANSWERS),
        group_variances=_group_variances(x, missing, cell, n_groups),
    )


def _group_variances(
    x: FloatArray, missing: npt.NDArray[np.bool_], cell: IntArray, n_groups: int
) -> FloatArray:
    """(n_groups, m); the cells of no group and the missing answers go to bin 0..m-1
    (group "-1"), which is dropped."""
    m = x.shape[1]
    bins = np.where(missing, 0, cell).ravel()
    size = (n_groups + 1) * m
    answered = np.bincount(bins, minlength=size)
    with np.errstate(invalid="ignore", divide="ignore"):
        means = np.bincount(bins, weights=np.where(missing, 0.0, x).ravel(), minlength=size)
        means /= answered
        deviations = np.where(missing, 0.0, x - means[cell])
        squares = np.bincount(bins, weights=(deviations**2).ravel(), minlength=size)
        found = np.where(answered >= 2, squares / np.maximum(answered - 1, 1), np.nan)
    out: FloatArray = found.reshape(n_groups + 1, m)[1:]
    return out
