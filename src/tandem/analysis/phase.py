"""The relationship phase: cumulative ladder, HBR-compatible index, and how sure we are.

* Ladder (primary): a block (DEF, ALI, INT) is met when its organisation score is at
  least 60 (a mean of 3.4). Phase = I + the number of consecutive blocks met from DEF
  upward: a phase needs the criteria of the phases below it.
* Index: the mean over the ladder statements mapped to the twenty topics of the HBR 2006
  self-assessment (instrument version 2; version 1 took every ladder statement), in the
  bands of Kotler, Rackham & Krishnaswamy (HBR 2006): < 2 Undefined, 2-2.99 Defined,
  3-3.99 Aligned, >= 4 Integrated. With one statement per topic the mean is HBR's total
  (20-100) divided by 20, so the bands are HBR's own.
* Uncertainty: the share of bootstrap resamples of respondents that give the same
  ladder phase. Above ``BOOTSTRAP_MAX_N`` respondents the bootstrap distribution of the
  three block means is, by the central limit theorem, the normal distribution with the
  sample covariance of the respondents' block scores divided by n; we draw the same
  number of resamples from it instead of resampling 100,000 rows 200 times.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from tandem.analysis.scores import min_answered
from tandem.contract.result import Ladder, PhaseIndex, PhaseUncertainty
from tandem.i18n import Text
from tandem.responses import FloatArray
from tandem.target import PHASE_LABELS
from tandem.thresholds import BLOCK_MET_AT

BLOCKS: tuple[str, ...] = ("DEF", "ALI", "INT")
#: The blocks as readers see them: the names of the phases they lead to.
BLOCK_NAMES: tuple[str, ...] = ("Defined", "Aligned", "Integrated")
RESAMPLES = 200
BOOTSTRAP_MAX_N = 5000
SEED = 20061101  # fixed: the same data always give the same uncertainty


def ladder_phase(block_scores: FloatArray) -> npt.NDArray[np.int64]:
    """Phase 1-4 from block scores (0-100) in DEF, ALI, INT order along the last axis.

    Works for one organisation (shape (3,)), for every respondent (n, 3) and for every
    resample (B, 3). A missing block counts as not met.
    """
    met = np.nan_to_num(block_scores, nan=-1.0) >= BLOCK_MET_AT
    consecutive = np.cumprod(met, axis=-1).sum(axis=-1)
    return (1 + consecutive).astype(np.int64)


def ladder(block_scores: FloatArray) -> Ladder:
    phase = int(ladder_phase(block_scores))
    return Ladder(phase=phase, label=PHASE_LABELS[phase], blocks_met=BLOCKS[: phase - 1])


def index_band(mean: float) -> int:
    """HBR 2006 band of a 1-5 mean over the ladder items."""
    if mean < 2.0:
        return 1
    if mean < 3.0:
        return 2
    if mean < 4.0:
        return 3
    return 4


def phase_index(ladder_items: FloatArray) -> PhaseIndex:
    """Organisation mean of the respondents' mean over the index statements (1-5), for
    respondents who answered at least two thirds of them."""
    answered = np.sum(~np.isnan(ladder_items), axis=1)
    ok = answered >= min_answered(ladder_items.shape[1])
    if not ok.any():
        return PhaseIndex(mean=None, band=None, label=None)
    person = np.nansum(ladder_items[ok], axis=1) / answered[ok]
    mean = float(person.mean())
    band = index_band(mean)
    return PhaseIndex(mean=mean, band=band, label=PHASE_LABELS[band])


def disagreement_note(
    block_scores: FloatArray, ladder_phase_: int, band: int | None
) -> Text | None:
    """Explain, in words, why the ladder and the index disagree (None when they agree)."""
    if band is None or band == ladder_phase_:
        return None
    # Readers see the blocks by their phase names ("Defined"), never as DEF/ALI/INT.
    percent = [f"{s:.0f}" if not np.isnan(s) else "?" for s in block_scores]
    scores = ", ".join(f"{b} {p}" for b, p in zip(BLOCK_NAMES, percent, strict=True))
    if band > ladder_phase_:
        unmet = BLOCK_NAMES[ladder_phase_ - 1]
        higher = [
            b
            for i, b in enumerate(BLOCK_NAMES)
            if i > ladder_phase_ - 1
            and not np.isnan(block_scores[i])
            and block_scores[i] >= block_scores[ladder_phase_ - 1]
        ]
        if higher:
            return Text(
                nl=(
                    f"De index wijst op een hogere fase dan de ladder. {unmet} is nog niet "
                    f"gehaald, terwijl {', '.join(higher)} even hoog of hoger scoort ({scores}): "
                    "integratiepraktijken op een zwak fundament, het dak bouwen vóór de muren."
                ),
                en=(
                    f"The index points to a higher phase than the ladder. {unmet} is not yet met "
                    f"while {', '.join(higher)} scores as high or higher ({scores}): integration "
                    "practices on weak foundations, building the roof before the walls."
                ),
            )
        return Text(
            nl=(
                f"De index wijst op een hogere fase dan de ladder: gemiddeld scoren de "
                f"uitspraken redelijk, maar {unmet} haalt de lat van {BLOCK_MET_AT:.0f} niet "
                f"({scores})."
            ),
            en=(
                f"The index points to a higher phase than the ladder: on average the statements "
                f"score fairly well, but {unmet} does not reach the bar of {BLOCK_MET_AT:.0f} "
                f"({scores})."
            ),
        )
    return Text(
        nl=(
            f"De ladder wijst op een hogere fase dan de index: de blokken halen de lat van "
            f"{BLOCK_MET_AT:.0f} net ({scores}), maar het gemiddelde over alle uitspraken is "
            "lager. Het fundament is er, maar nog smal."
        ),
        en=(
            f"The ladder points to a higher phase than the index: the blocks just reach the bar "
            f"of {BLOCK_MET_AT:.0f} ({scores}), but the mean over all statements is lower. The "
            "foundation is there, but still narrow."
        ),
    )


def phase_uncertainty(person_blocks: FloatArray, observed: int) -> PhaseUncertainty | None:
    """Share of resamples of respondents that give the observed ladder phase.

    ``person_blocks`` is (n, 3): each respondent's DEF, ALI, INT scores (0-100, NaN missing).
    """
    n = person_blocks.shape[0]
    if n < 2:
        return None
    # Resample from the rows in a canonical order: the same answers must give the same
    # certainty whatever order they arrive in (the web app reads responses by a random id).
    person_blocks = person_blocks[np.lexsort(person_blocks.T[::-1])]
    rng = np.random.default_rng(SEED)
    if n <= BOOTSTRAP_MAX_N:
        method = "bootstrap"
        present = ~np.isnan(person_blocks)
        values = np.where(present, person_blocks, 0.0)
        idx = rng.integers(0, n, size=(RESAMPLES, n))
        sums = values[idx].sum(axis=1)
        counts = present[idx].sum(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            means = np.where(counts > 0, sums / np.maximum(counts, 1), np.nan)
    else:
        method = "normal"
        means = _normal_resamples(person_blocks, rng)
    phases = ladder_phase(means)
    distribution = tuple(float(np.mean(phases == p)) for p in (1, 2, 3, 4))
    return PhaseUncertainty(
        method=method,
        resamples=RESAMPLES,
        same_phase=float(np.mean(phases == observed)),
        distribution=distribution,  # type: ignore[arg-type]
    )


def _normal_resamples(person_blocks: FloatArray, rng: np.random.Generator) -> FloatArray:
    """Draw block means from N(mean, cov/n) with pairwise-complete estimates."""
    k = person_blocks.shape[1]
    present = ~np.isnan(person_blocks)
    mean = np.array(
        [np.nanmean(person_blocks[:, j]) if present[:, j].any() else np.nan for j in range(k)]
    )
    cov = np.zeros((k, k))
    for i in range(k):
        for j in range(i, k):
            both = present[:, i] & present[:, j]
            m = int(both.sum())
            if m > 1:
                xi = person_blocks[both, i]
                xj = person_blocks[both, j]
                c = float(np.dot(xi - xi.mean(), xj - xj.mean()) / (m - 1))
                n_eff = np.sqrt(present[:, i].sum() * present[:, j].sum())
                cov[i, j] = cov[j, i] = c / n_eff
    filled = np.nan_to_num(mean, nan=0.0)
    draws = rng.multivariate_normal(filled, cov, size=RESAMPLES, method="eigh")
    draws[:, np.isnan(mean)] = np.nan
    return draws


def person_phases(person_blocks: FloatArray) -> npt.NDArray[np.int64]:
    """Each respondent's perceived phase; respondents with no DEF score get 0 (unknown)."""
    phases = ladder_phase(person_blocks)
    phases[np.isnan(person_blocks[:, 0])] = 0
    return phases


__all__ = [
    "BLOCKS",
    "BLOCK_MET_AT",
    "PHASE_LABELS",
    "disagreement_note",
    "index_band",
    "ladder",
    "ladder_phase",
    "person_phases",
    "phase_index",
    "phase_uncertainty",
]
