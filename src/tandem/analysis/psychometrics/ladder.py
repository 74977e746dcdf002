"""Does the phase ladder behave as a ladder? Guttman errors and Mokken's H of the blocks.

The method says a phase needs the criteria of the phases below it: Defined before
Aligned before Integrated. So we test the **blocks**, not the statements: each
respondent's DEF, ALI and INT score is dichotomised at the bar the diagnosis uses for a
block being met (``tandem.thresholds.BLOCK_MET_AT``, 60 on 0-100), and those three 0/1
"criteria met" are what should be cumulative. (Mokken's H on the 29 Likert statements
would ask another question: whether they measure one trait, which a ladder of three
different steps need not; and the order the diagnosis relies on is that of the blocks.)

On the n respondents with all three block scores, with p_i the share meeting block i:

* **Guttman errors** in the ladder's own order: each pair (a lower block not met, a
  higher one met) of a respondent is one error. ``expected_errors`` is their number if
  the blocks were met independently with the same shares, n sum_{i<j} (1 - p_i) p_j;
  ``perfect_share`` the share of respondents with a ladder pattern (000, 100, 110, 111).
* **Loevinger's H** as Mokken scaling computes it (Mokken 1971; Sijtsma & Molenaar 2002,
  ``mokken::coefH``): the pairs ordered by the sample's popularity (p_i >= p_j), with F_ij
  the observed and E_ij = n (1 - p_i) p_j the expected errors, H = 1 - sum F / sum E and
  per block H_i = 1 - sum_j F_ij / sum_j E_ij. H >= 0.3 is a weak, >= 0.4 a medium,
  >= 0.5 a strong scale.
* ``in_order``: the shares fall from DEF to INT (p_DEF >= p_ALI >= p_INT), the popularity
  order the ladder predicts. H alone cannot see the order, since it takes the sample's.
"""

from __future__ import annotations

import numpy as np

from tandem.analysis.reliability import FloatArray
from tandem.contract.psychometrics import LadderCheck, LadderStrength
from tandem.thresholds import BLOCK_MET_AT

#: Mokken's bars on H: below WEAK no scale, then weak, medium, strong.
WEAK, MEDIUM, STRONG = 0.3, 0.4, 0.5

__all__ = ["MEDIUM", "STRONG", "WEAK", "ladder_check", "loevinger_h"]


def loevinger_h(met: FloatArray) -> tuple[float, FloatArray]:
    """H of a dichotomous (n, m) matrix and H_i of each column (pairs ordered by the
    sample's popularity). NaN when a column is constant (no errors can be expected)."""
    x = np.asarray(met, dtype=np.float64)
    n, m = x.shape
    p = x.mean(axis=0)
    observed = np.zeros((m, m))
    expected = np.zeros((m, m))
    for i in range(m):
        for j in range(m):
            if i == j:
                continue
            easy, hard = (i, j) if (p[i], -i) >= (p[j], -j) else (j, i)
            observed[i, j] = float(np.sum((x[:, easy] == 0) & (x[:, hard] == 1)))
            expected[i, j] = n * (1.0 - p[easy]) * p[hard]
    total_expected = float(np.triu(expected, 1).sum())
    h = 1.0 - float(np.triu(observed, 1).sum()) / total_expected if total_expected > 0 else np.nan
    per_item_expected = expected.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        h_items = np.where(per_item_expected > 0,
                           1.0 - observed.sum(axis=1) / per_item_expected, np.nan)
    return h, h_items


def _strength(h: float) -> LadderStrength:
    if not h >= WEAK:  # also NaN
        return "none"
    if h >= STRONG:
        return "strong"
    return "medium" if h >= MEDIUM else "weak"


def ladder_check(block_scores: FloatArray, blocks: tuple[str, ...]) -> LadderCheck | None:
    """The check on an (n, 3) matrix of 0-100 block scores in ladder order (NaN missing);
    None when no respondent has every block score."""
    scores = np.asarray(block_scores, dtype=np.float64)
    scores = scores[~np.isnan(scores).any(axis=1)]
    n = int(scores.shape[0])
    if n == 0:
        return None
    met = (scores >= BLOCK_MET_AT).astype(np.float64)
    share = met.mean(axis=0)
    m = met.shape[1]
    errors = 0
    expected = 0.0
    for i in range(m):
        for j in range(i + 1, m):
            errors += int(np.sum((met[:, i] == 0) & (met[:, j] == 1)))
            expected += n * (1.0 - share[i]) * share[j]
    # a ladder pattern never has a met block above an unmet one: non-increasing rows
    perfect = float(np.mean(np.all(np.diff(met, axis=1) <= 0, axis=1)))
    h, h_items = loevinger_h(met)
    return LadderCheck(
        n=n,
        blocks=blocks,
        met_share=tuple(float(s) for s in share),
        guttman_errors=errors,
        expected_errors=float(expected),
        perfect_share=perfect,
        h=None if np.isnan(h) else float(h),
        h_blocks=tuple(None if np.isnan(v) else float(v) for v in h_items),
        in_order=bool(np.all(np.diff(share) <= 0)),
        strength=_strength(h),
        bar=BLOCK_MET_AT,
    )
