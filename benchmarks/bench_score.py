"""Benchmark: the full diagnosis at 1,000, 10,000 and 100,000 respondents.

Measures, on one core (BLAS threads pinned to 1):
  * ``diagnose()`` on an already validated ResponseSet (the analysis itself);
  * reading + validating the CSV (``read_responses``);
  * the whole ``tandem score FILE --format json`` command as a user runs it;
  * the same statistics computed the straightforward way, with pingouin and pandas
    group-by loops, side by side in the same run (the baseline).

Run:  .venv/bin/python benchmarks/bench_score.py [--sizes 1000 10000 100000] [--repeat 3]
Writes a Markdown table to stdout; docs/benchmarks.md keeps the figures.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import itertools  # noqa: E402
import platform  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import warnings  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from tandem.analysis.diagnose import diagnose  # noqa: E402
from tandem.instrument import load_instrument  # noqa: E402
from tandem.io.demo import generate_responses  # noqa: E402
from tandem.io.responses import read_responses  # noqa: E402
from tandem.io.writers import write_csv  # noqa: E402


def best_of(repeat: int, fn: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def baseline(frame: pd.DataFrame, mwu: str = "pingouin") -> None:
    """The same statistics, computed the usual way with pandas group-by and pingouin.

    ``mwu="pingouin"`` calls ``pingouin.mwu``, which also computes the common-language
    effect size by comparing all pairs (O(n_a * n_b)) and so dominates at 100,000
    respondents; ``mwu="scipy"`` calls ``scipy.stats.mannwhitneyu`` instead, the
    fairest baseline for the U test alone.
    """
    import pingouin as pg
    from scipy import stats

    instrument = load_instrument()
    likert = [i for i in instrument.items_for("full") if i.kind == "likert"]
    data = frame[[i.id for i in likert]].replace({"dk": np.nan, "": np.nan}).astype(float)
    for item in likert:
        if item.reverse:
            data[item.id] = 6 - data[item.id]
    data["department"] = frame["department"]
    pvalues = []
    for scale in instrument.scales:
        cols = [i.id for i in likert if i.scale == scale.id]
        answered = data[cols].notna().sum(axis=1)
        score = (data[cols].mean(axis=1).where(answered >= np.ceil(len(cols) * 2 / 3)) - 1) * 25
        scored = pd.DataFrame({"score": score, "department": data["department"]})
        scored.groupby("department")["score"].agg(["count", "mean", "std", "sem"])
        data.groupby("department")[cols].var().mean(axis=1)  # rwg(j) ingredients
        pg.cronbach_alpha(data[cols], nan_policy="listwise")
        groups = {d: g["score"].dropna().to_numpy() for d, g in scored.groupby("department")}
        for a, b in itertools.combinations(sorted(groups), 2):
            pg.compute_effsize(groups[a], groups[b], eftype="hedges")
            if mwu == "pingouin":
                pvalues.append(float(pg.mwu(groups[a], groups[b])["p_val"].iloc[0]))
            else:
                pvalues.append(float(stats.mannwhitneyu(groups[a], groups[b]).pvalue))
    pg.multicomp(np.array(pvalues), method="fdr_bh")
    blocks = pd.DataFrame(
        {
            b: data[[i.id for i in likert if i.scale == b]].mean(axis=1)
            for b in ("DEF", "ALI", "INT")
        }
    )
    for seed in range(200):  # bootstrap of the phase
        blocks.sample(frac=1.0, replace=True, random_state=seed).mean()
    for area in instrument.areas:  # decision rights by department
        frame.groupby("department")[f"dr_{area}"].value_counts(normalize=True)


def measure(n: int, tmp: Path, repeat_count: int, pingouin_up_to: int) -> str:
    """One row of the table: every timing for ``n`` respondents."""
    frame = generate_responses(n, seed=1)
    path = tmp / f"answers-{n}.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        write_csv(frame, handle)
    responses = read_responses(path)
    diagnose(responses)  # warm caches (instrument, catalogue)
    t_read = best_of(repeat_count, lambda: read_responses(path))
    t_diag = best_of(repeat_count, lambda: diagnose(responses))
    cmd = [
        sys.executable,
        "-m",
        "tandem.cli",
        "score",
        str(path),
        "--format",
        "json",
        "-o",
        str(tmp / "out.json"),
    ]
    t_cli = best_of(repeat_count, lambda: subprocess.run(cmd, check=True))
    repeat = 1 if n >= 100000 else repeat_count
    t_scipy = best_of(repeat, lambda: baseline(frame, mwu="scipy"))
    if n <= pingouin_up_to:
        t_pg = best_of(repeat, lambda: baseline(frame, mwu="pingouin"))
        pg_cells = f"{t_pg * 1000:,.0f} ms | {t_pg / t_diag:,.1f}×"
    else:
        pg_cells = "skipped | –"
    return (
        f"| {n:,} | {t_read * 1000:,.0f} ms | {t_diag * 1000:,.0f} ms "
        f"| {t_cli * 1000:,.0f} ms | {pg_cells} "
        f"| {t_scipy * 1000:,.0f} ms | {t_scipy / t_diag:,.1f}× |"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--skip-pingouin-mwu-above",
        type=int,
        default=20000,
        help="sizes above this skip the pingouin.mwu baseline (quadratic)",
    )
    args = parser.parse_args()
    warnings.simplefilter("ignore")

    print(
        f"Python {platform.python_version()}, numpy {np.__version__}, pandas {pd.__version__}, "
        f"{platform.machine()}, {os.cpu_count()} cores visible, BLAS threads 1\n"
    )
    print(
        "| respondents | read + validate CSV | diagnose() | `tandem score` (whole command) "
        "| baseline, pingouin.mwu | speed-up | baseline, scipy U test | speed-up |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            print(measure(n, Path(tmp), args.repeat, args.skip_pingouin_mwu_above), flush=True)


if __name__ == "__main__":
    main()
