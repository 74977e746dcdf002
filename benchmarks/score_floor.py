"""Benchmark: how fast ``tandem score`` could be at most, part by part (issue 14's 10×).

Issue 14 asks ``tandem score`` of 100,000 respondents to be at least 10× faster than a
researcher's pandas + scipy script (``researcher_script.py``) doing the same work. This
measures the floor of any command that reads the same CSV in Python, each part as a
whole new process (start-up and imports included), best of ``--repeat``:

* ``python -c pass`` and ``import numpy``: paid by any Python command;
* reading the file's cells, and only that, with each compiled CSV reader at hand:
  pandas' C parser (what Tandem uses), polars and pyarrow (multi-threaded; skipped with
  a note when not installed: ``pip install polars pyarrow`` in another virtual
  environment, given with ``--other-python``), and the csv module;
* the imports ``tandem score`` needs today;
* in process: ``read_responses`` (read and validate) and ``diagnose()``;
* the researcher's script and ``tandem score``, whole.

It then says what the 10× budget (the script's time / 10) leaves for the analysis after
the start-up and the fastest reader: the figure the analysis would have to reach.

Run:  .venv/bin/python benchmarks/score_floor.py [--respondents 100000] [--repeat 3]
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
import time  # noqa: E402
from pathlib import Path  # noqa: E402

from bench_score import best_of, codebook, run_child  # noqa: E402

from tandem.analysis.diagnose import diagnose  # noqa: E402
from tandem.io.demo import generate_responses  # noqa: E402
from tandem.io.responses import read_responses  # noqa: E402
from tandem.io.writers import write_csv  # noqa: E402

#: Each reader reads every cell as text (the answers hold "dk" and empty cells, so no
#: column is numeric), the fastest way each offers; ``{path}`` is the CSV.
READERS = {
    "pandas (C parser, as Tandem)": (
        "pandas",
        "import pandas as pd; pd.read_csv({path!r}, dtype=str, keep_default_na=False)",
    ),
    "polars (2 threads)": (
        "polars",
        "import polars as pl; pl.read_csv({path!r}, infer_schema=False)",
    ),
    "pyarrow (2 threads)": (
        "pyarrow",
        "import pyarrow as pa, pyarrow.csv as pc\n"
        "names = open({path!r}, encoding='utf-8').readline().strip().split(',')\n"
        "pc.read_csv({path!r}, convert_options=pc.ConvertOptions("
        "column_types=dict.fromkeys(names, pa.string()), strings_can_be_null=False))",
    ),
    "csv module": (
        "csv",
        "import csv\nwith open({path!r}, newline='', encoding='utf-8') as f: "
        "list(csv.reader(f))",
    ),
}
TANDEM_IMPORTS = (
    "import tandem.cli; from tandem.analysis.diagnose import diagnose; "
    "from tandem.io.responses import read_responses"
)


def process_time(code: str, repeat: int, python: str = sys.executable) -> float:
    """Best wall-clock seconds of ``python -c code`` as a new process."""
    return min(run_child([python, "-c", code])[0] for _ in range(repeat))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--respondents", type=int, default=100000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--other-python", default=None,
        help="the Python (of another virtual environment) that runs the polars and pyarrow "
             "readers: installed beside Tandem, pyarrow makes pandas keep text in Arrow",
    )
    args = parser.parse_args()
    n, repeat = args.respondents, args.repeat
    print(f"Python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} cores "
          f"visible, load average {os.getloadavg()[0]:.1f}, {n:,} respondents, best of "
          f"{repeat}\n")
    rows: list[tuple[str, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "answers.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            write_csv(generate_responses(n, seed=1), handle)
        book = Path(tmp) / "codebook.json"
        codebook(book)
        start = process_time("pass", repeat)
        numpy = process_time("import numpy", repeat)
        rows += [("`python -c pass`", start), ("`import numpy`", numpy)]
        readers: dict[str, float] = {}
        for name, (module, code) in READERS.items():
            python = sys.executable
            if module in ("polars", "pyarrow") and args.other_python:
                python = args.other_python
            found = subprocess.run([python, "-c", f"import {module}"], capture_output=True)
            if found.returncode != 0:
                print(f"{name}: not installed for {python}, skipped")
                continue
            readers[name] = process_time(code.format(path=str(path)), repeat, python)
            rows.append((f"import + read every cell: {name}", readers[name]))
        rows.append(("the imports of `tandem score`", process_time(TANDEM_IMPORTS, repeat)))
        responses = read_responses(path)
        diagnose(responses)  # warm: the instrument and the catalogue are cached
        rows.append(("in process: `read_responses` (read + validate)",
                     best_of(repeat, lambda: read_responses(path))))
        rows.append(("in process: `diagnose()`", best_of(repeat, lambda: diagnose(responses))))
        script = [sys.executable, str(Path(__file__).with_name("researcher_script.py")),
                  str(path), str(book), "-o", str(Path(tmp) / "script.json")]
        tandem = [sys.executable, "-m", "tandem.cli", "score", str(path), "--format", "json",
                  "-o", str(Path(tmp) / "tandem.json")]
        script_wall = min(run_child(script)[0] for _ in range(repeat))
        tandem_wall = min(run_child(tandem)[0] for _ in range(repeat))
        rows += [("the researcher's script, whole", script_wall),
                 ("`tandem score --format json`, whole", tandem_wall)]
    print("| part | wall (best) |\n|---|---:|")
    for name, seconds in rows:
        print(f"| {name} | {seconds * 1000:,.0f} ms |")
    budget = script_wall / 10
    fastest = min(readers.values())
    print(f"\n10× budget (script / 10): {budget * 1000:,.0f} ms; "
          f"now {script_wall / tandem_wall:.1f}×")
    print(f"fastest reader, start-up and import included: {fastest * 1000:,.0f} ms "
          f"({min(readers, key=readers.__getitem__)})")
    print(f"left for Tandem's imports, validation, diagnose() and the JSON: "
          f"{(budget - fastest) * 1000:,.0f} ms")
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    started = time.perf_counter()
    main()
    print(f"(benchmark took {time.perf_counter() - started:.0f} s)")
