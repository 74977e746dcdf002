"""Benchmark: the research pool at 1,000,000 respondents as Parquet files read by DuckDB
(docs/scaling.md says why this and not PostgreSQL partitions).

The pool is the research set of issue 14: one row per respondent of a consenting
organisation, with a pseudonymous organisation code, wave, language, instrument
version, department, sector, size band and month (no finer time, no free text), then
every Likert item as its code (1-5, 9 = don't know, empty = not answered) and every
decision-rights and journey-owner choice as its option number: 77 + 15 + 8 = 100
columns, small integers (``UTINYINT``).

The answers are drawn (numpy, seeded) from a simple model so the figures mean
something: each organisation and each of its departments has its own level, each
respondent a latent score around it, an item is the latent score plus noise rounded to
1-5 (reverse-keyed items mirrored), 6% not answered, 4% don't know. 2,000 organisations
of 50 to 950 respondents in 8 sectors and 4 size bands, 1 to 3 waves.

Each step runs in its own process (so its peak memory is its own), with DuckDB limited
to 2 threads and 1 GB:

  build      draw the pool and write it as Parquet, one file per 100,000 rows, sorted by
             organisation and wave (zstd);
  scores     every respondent's 17 scale scores (reverse keys, don't know as missing, a
             score when two thirds of a scale's items are answered, 0-100), then per
             organisation, wave and department: n, mean and SD of each scale, a figure
             only where at least k = 5 respondents stand behind it;
  benchmark  each organisation's latest-wave scale scores as percentiles among the
             organisations of its sector and size band, only where at least 5
             organisations and 100 respondents stand behind them (the benchmark rule);
  csv        a filtered export (one sector, latest waves) to CSV with DuckDB's COPY;
  sav        the same rows to SPSS .sav (fetched into pandas, written by pyreadstat,
             value labels on the codes, don't know user-missing).

Run:  .venv/bin/python benchmarks/pool_scale.py [--respondents 1000000] [--folder DIR]
Needs duckdb (the optional extra ``tandem[scale]``). Writes a Markdown table to stdout;
docs/scaling.md keeps the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from tandem.instrument import load_instrument

ROWS_PER_FILE = 100_000
ORGANISATIONS = 2_000
SECTORS = ("retail", "industry", "finance", "health", "public", "tech", "logistics", "energy")
SIZE_BANDS = ("50-99", "100-249", "250-999", "1000+")
DEPARTMENTS = ("sales", "marketing", "service", "management", "other")
K = 5
BENCHMARK_MIN_ORGS, BENCHMARK_MIN_RESPONDENTS = 5, 100
DUCKDB_SETTINGS = "SET threads = 2; SET memory_limit = '1GB'; SET preserve_insertion_order = false;"


def pool_columns() -> tuple[list[str], list[str], dict[str, list[str]], set[str]]:
    """Likert ids, choice ids (decision rights, journey owners), scales and reverse keys."""
    instrument = load_instrument()
    items = instrument.items_for("full")
    likert = [i.id for i in items if i.kind == "likert"]
    choices = [i.id for i in items if i.kind == "choice"
               and i.id not in ("department", "level", "tenure")]
    scales = {s.id: [i.id for i in items if i.kind == "likert" and i.scale == s.id]
              for s in instrument.scales}
    reverse = {i.id for i in items if i.kind == "likert" and i.reverse}
    return likert, choices, scales, reverse


def build(folder: Path, respondents: int, seed: int = 1) -> dict[str, float]:
    import duckdb
    import pandas as pd

    likert, choices, _scales, reverse = pool_columns()
    rng = np.random.default_rng(seed)
    start = time.perf_counter()
    sizes = rng.integers(50, 951, ORGANISATIONS)
    sizes = np.maximum(1, np.round(sizes * respondents / sizes.sum())).astype(np.int64)
    sizes[-1] += respondents - sizes.sum()
    org = np.repeat(np.arange(ORGANISATIONS), sizes)
    n = org.size
    org_level = rng.normal(0, 0.5, ORGANISATIONS)
    department = rng.choice(len(DEPARTMENTS), n, p=[0.35, 0.2, 0.3, 0.08, 0.07])
    dept_level = rng.normal(0, 0.3, (ORGANISATIONS, len(DEPARTMENTS)))
    latent = org_level[org] + dept_level[org, department] + rng.normal(0, 0.8, n)
    waves = rng.integers(1, 4, ORGANISATIONS)
    wave = np.minimum(rng.integers(1, 4, n), waves[org])
    frame: dict[str, object] = {
        "organisation": np.array([f"{h:012x}" for h in rng.integers(0, 2**48, ORGANISATIONS)],
                                 dtype=object)[org],
        "wave": wave.astype(np.uint8),
        "language": np.where(rng.random(n) < 0.2, 2, 1).astype(np.uint8),
        "instrument_version": np.full(n, "2025.1", dtype=object),
        "department": (department + 1).astype(np.uint8),
        "sector": np.array(SECTORS, dtype=object)[rng.integers(0, len(SECTORS),
                                                               ORGANISATIONS)][org],
        "size_band": np.array(SIZE_BANDS, dtype=object)[np.digitize(
            sizes, [100, 250, 1000])][org],
        "month": np.array([f"2026-{m:02d}" for m in range(1, 13)], dtype=object)[
            rng.integers(0, 12, ORGANISATIONS)][org],
    }
    for item in likert:
        answer = np.clip(np.rint(3.2 + latent + rng.normal(0, 0.9, n)), 1, 5)
        if item in reverse:
            answer = 6 - answer
        u = rng.random(n)
        codes = np.where(u < 0.04, 9, answer).astype(np.float64)
        codes[(u >= 0.04) & (u < 0.10)] = np.nan
        frame[item] = pd.array(codes, dtype="UInt8")
    for item in choices:
        frame[item] = pd.array(rng.integers(1, 6, n), dtype="UInt8")
    pool = pd.DataFrame(frame)
    del frame
    drawn = time.perf_counter() - start

    start = time.perf_counter()
    con = duckdb.connect()
    con.execute(DUCKDB_SETTINGS)
    folder.mkdir(parents=True, exist_ok=True)
    order = np.lexsort((pool["wave"].to_numpy(), pool["organisation"].to_numpy()))
    for part, first in enumerate(range(0, n, ROWS_PER_FILE)):
        chunk = pool.iloc[order[first:first + ROWS_PER_FILE]]  # noqa: F841 (read by DuckDB)
        con.execute(f"COPY (SELECT * FROM chunk) TO '{folder / f'part-{part:03d}.parquet'}' "
                    "(FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 100000)")
    written = time.perf_counter() - start
    size = sum(p.stat().st_size for p in folder.glob("*.parquet"))
    return {"rows": n, "columns": pool.shape[1], "drawn_s": drawn, "written_s": written,
            "parquet_mb": size / 1e6}


def _connect(folder: Path):  # type: ignore[no-untyped-def]
    import duckdb

    con = duckdb.connect()
    con.execute(DUCKDB_SETTINGS)
    con.execute(f"CREATE VIEW pool AS SELECT * FROM read_parquet('{folder}/*.parquet')")
    return con


def _score_sql() -> str:
    """A SELECT list: each scale's score per respondent, as the analysis defines it."""
    _likert, _choices, scales, reverse = pool_columns()
    parts = []
    for scale, items in scales.items():
        values = [f"CASE WHEN {i} BETWEEN 1 AND 5 THEN {'6 - ' if i in reverse else ''}{i} END"
                  for i in items]
        answered = " + ".join(f"({i} BETWEEN 1 AND 5)::INT" for i in items)
        total = " + ".join(f"coalesce({v}, 0)" for v in values)
        need = -(-2 * len(items) // 3)
        parts.append(f"CASE WHEN ({answered}) >= {need} THEN "
                     f"(({total}) / ({answered}) - 1) * 25 END AS {scale}")
    return ", ".join(parts)


def scores(folder: Path) -> dict[str, float]:
    _likert, _choices, scales, _reverse = pool_columns()
    con = _connect(folder)
    figures = ", ".join(
        f"CASE WHEN count({s}) >= {K} THEN avg({s}) END AS {s}_mean, "
        f"CASE WHEN count({s}) >= {K} THEN stddev_samp({s}) END AS {s}_sd, "
        f"count({s}) AS {s}_n" for s in scales)
    start = time.perf_counter()
    rows = con.execute(
        f"WITH scored AS (SELECT organisation, wave, department, {_score_sql()} FROM pool) "
        f"SELECT organisation, wave, department, count(*) AS n, {figures} FROM scored "
        f"GROUP BY organisation, wave, department HAVING count(*) >= {K}"
    ).fetchall()
    took = time.perf_counter() - start
    return {"groups": len(rows), "seconds": took}


def benchmark(folder: Path) -> dict[str, float]:
    _likert, _choices, scales, _reverse = pool_columns()
    con = _connect(folder)
    means = ", ".join(f"avg({s}) AS {s}" for s in scales)
    ranks = ", ".join(
        f"CASE WHEN orgs >= {BENCHMARK_MIN_ORGS} AND people >= {BENCHMARK_MIN_RESPONDENTS} "
        f"THEN percent_rank() OVER (PARTITION BY sector, size_band ORDER BY {s}) END AS {s}_pct"
        for s in scales)
    start = time.perf_counter()
    rows = con.execute(
        f"WITH scored AS (SELECT organisation, wave, sector, size_band, {_score_sql()} "
        "  FROM pool),"
        " latest AS (SELECT organisation, max(wave) AS wave FROM pool GROUP BY organisation),"
        f" org AS (SELECT organisation, sector, size_band, count(*) AS n, {means}"
        "  FROM scored JOIN latest USING (organisation, wave)"
        f"  GROUP BY organisation, sector, size_band HAVING count(*) >= {K}),"
        " peers AS (SELECT *, count(*) OVER (PARTITION BY sector, size_band) AS orgs,"
        "  sum(n) OVER (PARTITION BY sector, size_band) AS people FROM org)"
        f" SELECT organisation, {ranks} FROM peers"
    ).fetchall()
    took = time.perf_counter() - start
    return {"organisations": len(rows), "seconds": took}


EXPORT_FILTER = "sector = 'retail' AND wave = (SELECT max(wave) FROM pool p " \
    "WHERE p.organisation = pool.organisation)"


def export_csv(folder: Path, out: Path) -> dict[str, float]:
    con = _connect(folder)
    start = time.perf_counter()
    con.execute(f"COPY (SELECT * EXCLUDE (sector, size_band, month) FROM pool "
                f"WHERE {EXPORT_FILTER}) TO '{out}' (HEADER, DELIMITER ',')")
    took = time.perf_counter() - start
    rows = sum(1 for _ in out.open(encoding="utf-8")) - 1
    return {"rows": rows, "seconds": took, "mb": out.stat().st_size / 1e6}


def export_sav(folder: Path, out: Path) -> dict[str, float]:
    import pyreadstat

    likert, _choices, _scales, _reverse = pool_columns()
    con = _connect(folder)
    start = time.perf_counter()
    frame = con.execute(f"SELECT * EXCLUDE (sector, size_band, month) FROM pool "
                        f"WHERE {EXPORT_FILTER}").df()
    fetched = time.perf_counter() - start
    numeric = [c for c in frame.columns if c not in ("organisation", "instrument_version")]
    frame[numeric] = frame[numeric].astype("float64")  # SPSS numbers are doubles
    agree = {1.0: "Strongly disagree", 2.0: "Disagree", 3.0: "Neutral", 4.0: "Agree",
             5.0: "Strongly agree", 9.0: "Don't know"}
    pyreadstat.write_sav(frame, str(out), variable_value_labels=dict.fromkeys(likert, agree),
                         missing_ranges={i: [9.0] for i in likert})
    took = time.perf_counter() - start
    return {"rows": len(frame), "seconds": took, "fetch_s": fetched,
            "mb": out.stat().st_size / 1e6}


def step(name: str, folder: Path, respondents: int) -> None:
    """One step in this process; prints its figures and peak memory as JSON."""
    result = {
        "build": lambda: build(folder, respondents),
        "scores": lambda: scores(folder),
        "benchmark": lambda: benchmark(folder),
        "csv": lambda: export_csv(folder, folder.parent / "export.csv"),
        "sav": lambda: export_sav(folder, folder.parent / "export.sav"),
    }[name]()
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result["cpu_s"] = time.process_time()
    print(json.dumps(result))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--respondents", type=int, default=1_000_000)
    parser.add_argument("--folder", type=Path, default=None)
    parser.add_argument("--step", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:
        step(args.step, args.folder, args.respondents)
        return
    import duckdb

    print(f"Python {platform.python_version()}, duckdb {duckdb.__version__}, numpy "
          f"{np.__version__}, {platform.machine()}, {os.cpu_count()} cores visible, "
          f"load average {os.getloadavg()[0]:.1f}\n")
    with tempfile.TemporaryDirectory() as tmp:
        folder = (args.folder or Path(tmp)) / "pool"
        print("| step | what | wall | CPU | peak memory (process) |")
        print("|---|---|---:|---:|---:|")
        for name in ("build", "scores", "benchmark", "csv", "sav"):
            start = time.perf_counter()
            run = subprocess.run(
                [sys.executable, __file__, "--step", name, "--folder", str(folder),
                 "--respondents", str(args.respondents)],
                check=True, capture_output=True, text=True)
            wall = time.perf_counter() - start
            r = json.loads(run.stdout.strip().splitlines()[-1])
            print(f"| {name} | {_what(name, r)} | {wall:,.1f} s | {r['cpu_s']:,.1f} s "
                  f"| {r['peak_mb']:,.0f} MB |", flush=True)
    print(f"\nload average after: {os.getloadavg()[0]:.1f}")


def _what(name: str, r: dict[str, float]) -> str:
    if name == "build":
        return (f"{r['rows']:,.0f} rows × {r['columns']:.0f} columns drawn in "
                f"{r['drawn_s']:.1f} s, written as Parquet in {r['written_s']:.1f} s "
                f"({r['parquet_mb']:,.0f} MB)")
    if name == "scores":
        return f"{r['groups']:,.0f} organisation × wave × department groups in {r['seconds']:.2f} s"
    if name == "benchmark":
        return f"percentiles of {r['organisations']:,.0f} organisations in {r['seconds']:.2f} s"
    if name == "csv":
        return f"{r['rows']:,.0f} rows, {r['mb']:,.0f} MB in {r['seconds']:.2f} s"
    return (f"{r['rows']:,.0f} rows, {r['mb']:,.0f} MB in {r['seconds']:.1f} s "
            f"(query and fetch {r['fetch_s']:.1f} s)")


if __name__ == "__main__":
    main()
