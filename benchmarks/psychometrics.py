"""Benchmark: the psychometrics of 250,000 respondents (goal: under 30 s).

``generate_responses`` takes minutes at that size, so the file is built from 10,000
generated respondents (5,000 of the ``default`` organisation answering in Dutch, 5,000
of ``conflict`` in English) tiled 25 times; in every copy after the first, 15% of the
answered Likert cells move one step up or down (clipped to 1-5), so the copies are not
identical rows (which would make every covariance exact to the last digit, and no real
file is like that). Every language then has well over 200 complete cases on every scale,
so every multi-group CFA runs.

Measures, on one core (BLAS threads pinned to 1):
  * ``psychometrics()`` on the loaded responses (the figures themselves);
  * reading the file with its language column (``load_with_languages``);
  * the whole ``tandem psychometrics FILE --format json`` command as a user runs it:
    wall-clock time, and CPU time (user + system), steadier on a shared machine.

Run:  .venv/bin/python benchmarks/psychometrics.py [--sizes 10000 250000] [--repeat 2]
Writes a Markdown table to stdout; docs/benchmarks.md keeps the figures.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import platform  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from bench_score import best_of, run_child  # noqa: E402  (this folder: the script's own)

from tandem.analysis.psychometrics import psychometrics  # noqa: E402
from tandem.instrument import load_instrument  # noqa: E402
from tandem.io.demo import generate_responses  # noqa: E402
from tandem.io.languages import load_with_languages  # noqa: E402
from tandem.io.writers import write_csv  # noqa: E402

BASE = 10_000
NOISE = 0.15


def base_frame() -> pd.DataFrame:
    dutch = generate_responses(BASE // 2, seed=1, profile="default")
    english = generate_responses(BASE // 2, seed=2, profile="conflict")
    dutch.insert(1, "language", "nl")
    english.insert(1, "language", "en")
    return pd.concat([dutch, english], ignore_index=True)


def tiled(base: pd.DataFrame, n: int, seed: int = 3) -> pd.DataFrame:
    """``n`` rows: copies of ``base`` with noise on the Likert answers (see the docstring)."""
    rng = np.random.default_rng(seed)
    likert = [i.id for i in load_instrument().items_for("full") if i.kind == "likert"]
    copies = -(-n // len(base))
    frame = pd.concat([base] * copies, ignore_index=True).iloc[:n].copy()
    values = frame[likert].apply(pd.to_numeric, errors="coerce").to_numpy()
    move = (rng.random(values.shape) < NOISE) & ~np.isnan(values)
    move[: len(base)] = False  # the first copy as generated
    step = rng.choice(np.array([-1.0, 1.0]), size=values.shape)
    values = np.where(move, np.clip(values + step, 1, 5), values)
    codes = np.array(["1", "2", "3", "4", "5"], dtype=object)
    text = frame[likert].to_numpy(dtype=object)
    numeric = ~np.isnan(values)
    text[numeric] = codes[values[numeric].astype(np.intp) - 1]
    frame[likert] = text
    frame["respondent"] = [f"r{i:07d}" for i in range(1, n + 1)]
    return frame


def measure(base: pd.DataFrame, n: int, tmp: Path, repeat: int) -> str:
    frame = tiled(base, n)
    path = tmp / f"answers-{n}.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        write_csv(frame, handle)
    size = path.stat().st_size / 1e6
    found = load_with_languages(path)
    responses, languages = found.loaded.responses, found.languages
    result = psychometrics(responses, languages)
    assert len(result.invariance) == len(result.scales), "every scale should get a CFA"
    t_read = best_of(repeat, lambda: load_with_languages(path))
    t_psy = best_of(repeat, lambda: psychometrics(responses, languages))
    cmd = [sys.executable, "-m", "tandem.cli", "psychometrics", str(path), "--format", "json",
           "-o", str(tmp / "out.json")]
    runs = [run_child(cmd) for _ in range(repeat)]
    t_cli, cpu_cli = min(r[0] for r in runs), min(r[1] for r in runs)
    return (f"| {n:,} | {size:,.0f} MB | {t_read:,.1f} s | {t_psy:,.1f} s | {t_cli:,.1f} s "
            f"| {cpu_cli:,.1f} s | {len(result.invariance)} |")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 250_000])
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    print(f"Python {platform.python_version()}, numpy {np.__version__}, "
          f"pandas {pd.__version__}, {platform.machine()}, {os.cpu_count()} cores visible, "
          f"BLAS threads 1, load average {os.getloadavg()[0]:.1f}\n")
    print("| respondents | CSV | read with languages | `psychometrics()` "
          "| `tandem psychometrics` (whole command) | its CPU time | scales with a CFA |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    base = base_frame()
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            print(measure(base, n, Path(tmp), args.repeat), flush=True)


if __name__ == "__main__":
    main()
