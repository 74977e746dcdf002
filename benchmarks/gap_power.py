"""Simulation benchmark: how often the gap rules find a true gap, and how often they cry wolf.

Simulated organisations answer the Tandem Scan's tension sources (11 scales of 3 items)
and phase blocks (8, 10 and 11 items) on a 1-5 scale: item SD about 1, inter-item
correlation about 0.4 (a one-factor model per scale, rounded and clipped to 1-5). Each
organisation has Sales and Marketing of ``n`` people each (and, in the three-department
runs, Customer Service of ``n``). The gaps are judged by the product's own code:
:func:`tandem.analysis.gaps.scale_gaps` (the permutation test) and
:func:`tandem.analysis.gaps.judge_gaps` (families, BH, tiers).

Scenarios, for a true Sales-Marketing gap of 0, 10, 15 and 20 points:

* ``every scale``: Sales sees that much more tension on every tension source and rates
  every phase block that much lower (the relationship as a whole differs);
* ``one scale``: the gap is on one tension source only (the hardest case).

Reported per group size (5, 8, 15, 30, 60 per department):

* ``clear`` / ``at least possible``: the share of true-gap Sales-Marketing comparisons
  judged so (detection);
* with no true gap: the share of organisations with any ``clear`` gap (false alarm, all
  pairs), and the mean number of ``possible`` Sales-Marketing gaps per organisation;
* ``best possible``: the power of a one-sided z-test with known variance at the level
  that ``possible`` uses, on one comparison: no test can do better at that size.

Run:  .venv/bin/python benchmarks/gap_power.py [--orgs 400] [--workers 2]
Prints a Markdown table; docs/method.md keeps the figures.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import time  # noqa: E402
from concurrent.futures import ProcessPoolExecutor  # noqa: E402
from dataclasses import dataclass  # noqa: E402

import numpy as np  # noqa: E402
from scipy import stats  # noqa: E402

from tandem.analysis.gaps import (  # noqa: E402
    GAP_POINTS,
    POSSIBLE_P_MAX,
    judge_gaps,
    scale_gaps,
)

SIZES = (5, 8, 15, 30, 60)
GAPS = (0.0, 10.0, 15.0, 20.0)
SCALES: tuple[tuple[str, str, int], ...] = tuple(
    [(f"tension_{i}", "tension", 3) for i in range(11)]
    + [("DEF", "phase_block", 8), ("ALI", "phase_block", 10), ("INT", "phase_block", 11)]
)
ITEM_R = 0.4
LATENT_SD = 0.93  # gives an item SD of about 1.0 after rounding and clipping to 1-5


@dataclass(frozen=True)
class Cell:
    n: int
    gap: float
    scenario: str  # "every" / "one"
    departments: int  # 2 or 3
    orgs: int
    seed: int


def _scale_percent(rng: np.random.Generator, n: int, items: int, shift: float) -> np.ndarray:
    common = rng.standard_normal((n, 1))
    unique = rng.standard_normal((n, items))
    latent = 3.0 + shift + LATENT_SD * (np.sqrt(ITEM_R) * common + np.sqrt(1 - ITEM_R) * unique)
    answers = np.clip(np.rint(latent), 1, 5)
    return (answers.mean(axis=1) - 1.0) / 4.0 * 100.0


def _organisation(rng: np.random.Generator, cell: Cell) -> tuple[list, set[str]]:
    """The judged gaps of one simulated organisation and the scales with a true gap."""
    groups = ["sales", "marketing", "service"][: cell.departments]
    masks = {g: np.arange(cell.n * len(groups)) // cell.n == i for i, g in enumerate(groups)}
    raw = []
    true_gap: set[str] = set()
    for s, (scale, kind, items) in enumerate(SCALES):
        gapped = cell.gap > 0 and (cell.scenario == "every" or s == 0)
        if gapped:
            true_gap.add(scale)
        parts = []
        for g in groups:
            # Sales rates the relationship lower (more tension) by the gap, in points.
            shift = -cell.gap / 25.0 if (g == "sales" and gapped) else 0.0
            parts.append(_scale_percent(rng, cell.n, items, shift))
        raw += scale_gaps(scale, kind, np.concatenate(parts), masks)
    return list(judge_gaps(raw)), true_gap


def run_cell(cell: Cell) -> dict[str, float]:
    rng = np.random.default_rng(cell.seed)
    detected = possible_or_clear = comparisons = 0
    orgs_with_clear = 0
    possible_sm = 0
    for _ in range(cell.orgs):
        gaps, true_gap = _organisation(rng, cell)
        sm = [g for g in gaps if g.family == "primary"]
        for g in sm:
            if g.scale in true_gap:
                comparisons += 1
                detected += g.tier == "clear"
                possible_or_clear += g.tier is not None
        orgs_with_clear += any(g.tier == "clear" for g in gaps)
        possible_sm += sum(1 for g in sm if g.tier == "possible")
    return {
        "clear": detected / comparisons if comparisons else float("nan"),
        "possible": possible_or_clear / comparisons if comparisons else float("nan"),
        "any_clear": orgs_with_clear / cell.orgs,
        "possible_per_org": possible_sm / cell.orgs,
    }


def best_possible(n: int, gap: float) -> float:
    """Power of a one-sided z-test (known SD) at the ``possible`` level, one comparison:
    an upper bound for any test of that comparison at that level."""
    sd = _scale_sd()
    level = min(POSSIBLE_P_MAX, 1.0 / len(SCALES))
    z = stats.norm.isf(level / 2)
    return float(stats.norm.sf(z - gap / (sd * np.sqrt(2.0 / n))))


def _scale_sd() -> float:
    rng = np.random.default_rng(0)
    return float(np.std(_scale_percent(rng, 200_000, 3, 0.0)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--orgs", type=int, default=400)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    cells = [
        Cell(n, gap, scenario, 2, args.orgs, seed=1_000 * n + int(gap) * 10 + (scenario == "one"))
        for n in SIZES
        for gap in GAPS
        for scenario in (("every", "one") if gap else ("every",))
    ]
    cells += [Cell(n, 0.0, "every", 3, args.orgs, seed=7_000 + n) for n in SIZES]
    start = time.perf_counter()
    with ProcessPoolExecutor(args.workers) as pool:
        results = dict(zip(cells, pool.map(run_cell, cells), strict=True))
    took = time.perf_counter() - start
    sd = _scale_sd()

    def pct(x: float) -> str:
        return "–" if np.isnan(x) else f"{100 * x:.0f}%"

    print(f"{args.orgs} organisations per cell; {took:.0f} s on {args.workers} workers; "
          f"tension-source score SD {sd:.1f} points; gap bar {GAP_POINTS:.0f} points.\n")
    print("**No true gap** (false alarms)\n")
    print("| per department | any clear gap, S+M | any clear gap, S+M+CS "
          "| possible S-M gaps per org |")
    print("|---|---|---|---|")
    for n in SIZES:
        two = results[Cell(n, 0.0, "every", 2, args.orgs, seed=1_000 * n)]
        three = results[Cell(n, 0.0, "every", 3, args.orgs, seed=7_000 + n)]
        print(f"| {n} | {pct(two['any_clear'])} | {pct(three['any_clear'])} | "
              f"{two['possible_per_org']:.2f} |")
    for scenario, title in (("every", "on every scale"), ("one", "on one tension source")):
        print(f"\n**A true Sales-Marketing gap {title}** (detection of each gapped comparison: "
              "clear / at least possible / best possible)\n")
        print("| per department | " + " | ".join(f"{g:.0f} points" for g in GAPS[1:]) + " |")
        print("|---|" + "---|" * (len(GAPS) - 1))
        for n in SIZES:
            row = []
            for gap in GAPS[1:]:
                r = results[Cell(n, gap, scenario, 2, args.orgs,
                                 seed=1_000 * n + int(gap) * 10 + (scenario == "one"))]
                row.append(f"{pct(r['clear'])} / {pct(r['possible'])} / "
                           f"{pct(best_possible(n, gap))}")
            print(f"| {n} | " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
