"""Benchmark: the full diagnosis at 1,000, 10,000 and 100,000 respondents.

Measures, on one core (BLAS threads pinned to 1):
  * ``diagnose()`` on an already validated ResponseSet (the analysis itself);
  * reading + validating the CSV (``read_responses``);
  * the whole ``tandem score FILE --format json`` command as a user runs it, beside the
    whole ``researcher_script.py`` (the same work written with pandas and scipy, as a
    researcher would; see its docstring) on the same file, alternating, in the same run:
    wall-clock time and CPU time (user + system of the child process) of each, best of
    ``--repeat``. On a machine shared with other work the CPU time is the steadier
    figure; the wall-clock time is what a user waits;
  * optionally (``--in-process``) the older in-process baselines: the same statistics
    with pingouin or scipy's U test and pandas group-by loops, without reading the file.

Run:  .venv/bin/python benchmarks/bench_score.py [--sizes 1000 10000 100000] [--repeat 3]
Writes Markdown tables to stdout; docs/benchmarks.md keeps the figures.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import itertools  # noqa: E402
import json  # noqa: E402
import platform  # noqa: E402
import resource  # noqa: E402
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


def codebook(path: Path) -> None:
    """What the researcher's script needs from the codebook, as JSON (not timed)."""
    instrument = load_instrument()
    items = instrument.items_for("full")
    likert = [i for i in items if i.kind == "likert"]
    choices = [i for i in items if i.kind == "choice"]
    book = {
        "required": ["department"],
        "codes": {i.id: list(i.options.codes) for i in items if i.options is not None},
        "scales": {s.id: [i.id for i in likert if i.scale == s.id] for s in instrument.scales},
        "reverse": [i.id for i in likert if i.reverse],
        "choices": [i.id for i in choices if i.id not in ("department", "level", "tenure")],
        "consistency": [i.id for i in likert if not i.scale],
        "open": [i.id for i in items if i.kind == "text" and i.section == "open"],
    }
    path.write_text(json.dumps(book), encoding="utf-8")


def run_child(cmd: list[str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds (user + system) of one command run to its end."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def side_by_side(path: Path, book: Path, tmp: Path, repeat: int) -> dict[str, tuple[float, float]]:
    """``tandem score`` and the researcher's script, alternating: best wall, best CPU."""
    commands = {
        "tandem": [sys.executable, "-m", "tandem.cli", "score", str(path), "--format", "json",
                   "-o", str(tmp / "tandem.json")],
        "script": [sys.executable, str(Path(__file__).with_name("researcher_script.py")),
                   str(path), str(book), "-o", str(tmp / "script.json")],
    }
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, cmd in commands.items():
            runs[name].append(run_child(cmd))
    return {name: (min(w for w, _ in r), min(c for _, c in r)) for name, r in runs.items()}


def measure(n: int, tmp: Path, repeat_count: int, pingouin_up_to: int,
            in_process: bool) -> tuple[str, str]:
    """Two rows: the whole commands side by side, and the in-process timings."""
    frame = generate_responses(n, seed=1)
    path = tmp / f"answers-{n}.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        write_csv(frame, handle)
    book = tmp / "codebook.json"
    codebook(book)
    both = side_by_side(path, book, tmp, repeat_count)
    (t_wall, t_cpu), (s_wall, s_cpu) = both["tandem"], both["script"]
    commands = (
        f"| {n:,} | {t_wall:,.2f} s | {t_cpu:,.2f} s | {s_wall:,.2f} s | {s_cpu:,.2f} s "
        f"| {s_wall / t_wall:,.1f}× | {s_cpu / t_cpu:,.1f}× |"
    )
    responses = read_responses(path)
    diagnose(responses)  # warm caches (instrument, catalogue)
    t_read = best_of(repeat_count, lambda: read_responses(path))
    t_diag = best_of(repeat_count, lambda: diagnose(responses))
    cells = f"| {n:,} | {t_read * 1000:,.0f} ms | {t_diag * 1000:,.0f} ms |"
    if in_process:
        repeat = 1 if n >= 100000 else repeat_count
        t_scipy = best_of(repeat, lambda: baseline(frame, mwu="scipy"))
        if n <= pingouin_up_to:
            t_pg = best_of(repeat, lambda: baseline(frame, mwu="pingouin"))
            pg_cells = f" {t_pg * 1000:,.0f} ms | {t_pg / t_diag:,.1f}× |"
        else:
            pg_cells = " skipped | – |"
        cells += f"{pg_cells} {t_scipy * 1000:,.0f} ms | {t_scipy / t_diag:,.1f}× |"
    return commands, cells


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--in-process", action="store_true",
                        help="also the older in-process baselines (pingouin, scipy U test)")
    parser.add_argument(
        "--skip-pingouin-mwu-above",
        type=int,
        default=20000,
        help="sizes above this skip the pingouin.mwu baseline (quadratic)",
    )
    args = parser.parse_args()
    warnings.simplefilter("ignore")

    import scipy

    print(
        f"Python {platform.python_version()}, numpy {np.__version__}, pandas {pd.__version__}, "
        f"scipy {scipy.__version__}, {platform.machine()}, {os.cpu_count()} cores visible, "
        f"BLAS threads 1, load average {os.getloadavg()[0]:.1f}\n"
    )
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            rows.append(measure(n, Path(tmp), args.repeat, args.skip_pingouin_mwu_above,
                                args.in_process))
            print(rows[-1][0], flush=True)
    print("\n| respondents | `tandem score` wall | CPU | researcher's pandas + scipy script "
          "wall | CPU | speed-up (wall) | speed-up (CPU) |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for commands, _ in rows:
        print(commands)
    header = "\n| respondents | read + validate CSV | diagnose() |"
    if args.in_process:
        header += (" baseline, pingouin.mwu | speed-up | baseline, scipy U test | speed-up |")
    print(header)
    print("|---:" * (7 if args.in_process else 3) + "|")
    for _, cells in rows:
        print(cells)
    print(f"\nload average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
