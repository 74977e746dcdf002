"""Benchmark: ``tandem export`` of 250,000 respondents to .csv, .sav and .dta (goal of
issue 14, named for .sav and .csv: under 60 s and under 1 GiB of peak memory each).

The file is built as in ``psychometrics.py``: 10,000 generated respondents (5,000 of
``default`` in Dutch, 5,000 of ``conflict`` in English) tiled to the size asked, with
15% of the answered Likert cells of every copy after the first moved one step, so no
two copies are the same rows; a Tandem-format CSV of 108 + 1 columns (with
``language``), 99 MB at 250,000.

Each export runs as the user runs it, ``tandem export FILE --format F -o OUT`` in a new
process, and is measured from outside: wall-clock time, CPU time (user + system) and the
peak resident memory of that process (``ru_maxrss`` of the child), best of ``--repeat``
(the peak is the largest seen).

Run:  .venv/bin/python benchmarks/export_scale.py [--sizes 250000] [--repeat 1]
Writes a Markdown table to stdout; docs/benchmarks.md keeps the figures.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import platform  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from psychometrics import base_frame, tiled  # noqa: E402  (this folder: the script's own)

from tandem.io.writers import write_csv  # noqa: E402

GOAL_SECONDS = 60
GOAL_BYTES = 1 << 30


def measured(cmd: list[str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak resident bytes of one command, from outside."""
    code = (
        "import resource, subprocess, sys, time\n"
        "start = time.perf_counter()\n"
        "subprocess.run(sys.argv[1:], check=True)\n"
        "wall = time.perf_counter() - start\n"
        "r = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "print(wall, r.ru_utime + r.ru_stime, r.ru_maxrss * 1024)\n"
    )
    # a fresh parent per run: RUSAGE_CHILDREN's peak is then this export's alone
    out = subprocess.run([sys.executable, "-c", code, *cmd], check=True, capture_output=True,
                         text=True).stdout.split()
    return float(out[0]), float(out[1]), float(out[2])


def measure(base: pd.DataFrame, n: int, tmp: Path, repeat: int,
            formats: list[str]) -> list[str]:
    frame = tiled(base, n)
    path = tmp / f"answers-{n}.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        write_csv(frame, handle)
    del frame
    rows = []
    for fmt in formats:
        out = tmp / f"export.{fmt}"
        cmd = [sys.executable, "-m", "tandem.cli", "export", str(path), "--format", fmt,
               "-o", str(out)]
        runs = [measured(cmd) for _ in range(repeat)]
        wall, cpu = min(r[0] for r in runs), min(r[1] for r in runs)
        peak = max(r[2] for r in runs)
        met = "met" if wall < GOAL_SECONDS and peak < GOAL_BYTES else "**missed**"
        rows.append(f"| {n:,} | {path.stat().st_size / 1e6:,.0f} MB | .{fmt} "
                    f"| {out.stat().st_size / 1e6:,.0f} MB | {wall:,.1f} s | {cpu:,.1f} s "
                    f"| {peak / 2**20:,.0f} MiB | {met} |")
        print(rows[-1], flush=True)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[250_000])
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--formats", nargs="+", choices=["csv", "sav", "dta"],
                        default=["csv", "sav", "dta"])
    args = parser.parse_args()
    print(f"Python {platform.python_version()}, numpy {np.__version__}, "
          f"pandas {pd.__version__}, {platform.machine()}, {os.cpu_count()} cores visible, "
          f"load average {os.getloadavg()[0]:.1f}\n")
    base = base_frame()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            rows += measure(base, n, Path(tmp), args.repeat, args.formats)
    print("\n| respondents | input CSV | format | output | wall | CPU | peak memory | goal |")
    print("|---:|---:|---|---:|---:|---:|---:|---|")
    print("\n".join(rows))
    print(f"\nload average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
