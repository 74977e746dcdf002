"""Simulation: the empathy gap when each department understands the other perfectly.

Each side's predictions are drawn from the same answer distribution as the other side's
own answers (a usual spread over 1-5: 8%, 20%, 30%, 30%, 12%), so every true gap is 0.
Per group size (the same on both sides), 8 statements, it reports the median and 90th
percentile of the empathy gap (mean absolute gap, 0-100) that chance alone gives, and
how often the product's Welch 95% interval (:func:`tandem.analysis.empathy.welch`)
contains the true gap of 0.

Run:  PYTHONPATH=src .venv/bin/python benchmarks/empathy_null.py [--runs 2000]
Prints a Markdown table; docs/method.md ("Empathy gap") keeps the figures.
"""

from __future__ import annotations

import argparse

import numpy as np

from tandem.analysis.empathy import welch

SHARES = np.array([0.08, 0.2, 0.3, 0.3, 0.12])
STATEMENTS = 8
SIZES = (5, 10, 20, 40)


def run(n: int, runs: int, rng: np.random.Generator) -> tuple[float, float, float]:
    scores, covered = [], []
    for _ in range(runs):
        gaps = []
        for _statement in range(STATEMENTS):
            predicted = rng.choice(5, n, p=SHARES).astype(float) * 25
            own = rng.choice(5, n, p=SHARES).astype(float) * 25
            gap, low, high, _p = welch(predicted, own)
            gaps.append(gap)
            if low is not None and high is not None:
                covered.append(low <= 0 <= high)
        scores.append(float(np.mean(np.abs(gaps))))
    return float(np.median(scores)), float(np.percentile(scores, 90)), float(np.mean(covered))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=2000)
    args = parser.parse_args()
    rng = np.random.default_rng(11)
    print("| per side | empathy gap by chance: median | 90th percentile | Welch 95% coverage |")
    print("|---:|---:|---:|---:|")
    for n in SIZES:
        median, high, coverage = run(n, args.runs, rng)
        print(f"| {n} | {median:.1f} | {high:.1f} | {coverage:.3f} |")


if __name__ == "__main__":
    main()
