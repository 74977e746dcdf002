"""Load benchmark and fault run of the respondent flow on the production set-up.

    .venv/bin/python benchmarks/load/run_load.py                 # 500 respondents, both DBs
    .venv/bin/python benchmarks/load/run_load.py --db sqlite -n 100 --think 1
    .venv/bin/python benchmarks/load/run_load.py --fault -n 200  # SIGKILL mid-load

Starts ``tandem serve`` (gunicorn, TANDEM_ENV=production, DEBUG off) on 127.0.0.1 on a
fresh database (a temp SQLite file; a temp PostgreSQL database on 127.0.0.1:5432 as user
postgres, created and dropped), seeds an organisation with an open full-form scan (open
link + access code), and lets N simulated respondents answer it at the same time:
access code, intro, consent, every section (GET + POST), review, submit, thank-you.
Then the floor: a bare Django view that writes one row (benchmarks/load/loadfloor) on
the same gunicorn options. See docs/load.md.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import secrets
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import loadlib
from loadlib import Seed, Server

GOAL_P95_MS = 200.0
GOAL_FLOOR_RATIO = 0.5


def check_zero_loss(outcomes: list[loadlib.Outcome], stored: dict[str, Any]) -> dict[str, Any]:
    """Stored responses against what the clients saw; the keys ending in _ok must hold."""
    completed = {o.marker for o in outcomes if o.completed}
    sent = {o.marker for o in outcomes if o.submit_sent}
    markers: dict[str, int] = stored["markers"]
    twice = sorted(m for m, c in markers.items() if c > 1)
    expected = {o.marker: o.expected_items for o in outcomes}
    partial = sorted(m for m, count in stored["items"].items() if count != expected.get(m))
    return {
        "completed": len(completed),
        "stored": stored["responses"],
        "stored_equals_completed_ok": stored["responses"] == len(completed)
        and set(markers) == completed,
        "none_stored_twice_ok": not twice and stored["unmarked"] == 0,
        "stored_only_if_submitted_ok": set(markers) <= sent,
        "every_response_complete_ok": not partial,
        "twice": twice[:10],
        "partial": partial[:10],
        "drafts_left": stored["drafts"],
        "min_items_per_response": stored["min_items"],
    }


CONN_MAX_AGE = {"value": "0"}  # DATABASE_CONN_MAX_AGE for app and floor (0: the default)


def _setup(kind: str, n: int, work: Path, url: str) -> tuple[dict[str, str], Seed, int]:
    port = loadlib.free_port()
    env = loadlib.app_env(url, work, port)
    env["DATABASE_CONN_MAX_AGE"] = CONN_MAX_AGE["value"]
    seed = Seed.from_json(loadlib.db_tool(env, "seed", str(n), "1"))
    return env, seed, port


def load_run(kind: str, n: int, *, think: float, ramp: float, time_limit: float,
             floor: bool = True, keep: bool = False) -> dict[str, Any]:
    work = loadlib.workdir()
    try:
        with loadlib.database(kind, work) as url:
            env, seed, port = _setup(kind, n, work, url)
            server = Server.tandem(env, port, work / "server.log")
            server.start()
            asyncio.run(loadlib.warm_up(port, ["/s/", f"/s/o/{seed.open_token}/"]))
            load_before = os.getloadavg()[0]
            cpu_before = time.process_time()
            server_before = server.cpu_seconds()
            try:
                outcomes, stats, wall = asyncio.run(loadlib.run_respondents(
                    n, seed, lambda: port, think=think, ramp=ramp, time_limit=time_limit,
                    run_id=secrets.token_hex(3), max_attempts=3))
            finally:
                load_after = os.getloadavg()[0]
                cpu_used = time.process_time() - cpu_before
                server_cpu = server.cpu_seconds() - server_before
                server.stop()
            stored = loadlib.db_tool(env, "verify", str(seed.scan_id), seed.marker_item)
            result: dict[str, Any] = {
                "db": kind, "n": n, "think_s": think, "ramp_s": ramp,
                "wall_s": round(wall, 2),
                # the machine's 1-minute load average around the run (2 cores: above ~2
                # means other work competed), and the load generator's own CPU share
                "loadavg_before_after": [round(load_before, 1), round(load_after, 1)],
                "generator_cpu_share": round(cpu_used / wall, 2),
                "requests": stats.requests,
                "requests_per_s": round(stats.requests / wall, 1),
                # the server's CPU (master + workers) per request: steadier than req/s
                "server_cpu_ms_per_request": round(1000 * server_cpu / max(1, stats.requests),
                                                   3),
                "completed_per_s": round(sum(o.completed for o in outcomes) / wall, 2),
                "errors": dict(stats.errors),
                "pages": stats.table(),
                "zero_loss": check_zero_loss(outcomes, stored),
            }
            if floor:
                floor_port = loadlib.free_port()
                fserver = Server.floor(env, floor_port, work / "floor.log")
                fserver.start(probe="/hit/")
                floor_load = os.getloadavg()[0]
                floor_before = fserver.cpu_seconds()
                try:
                    per_client = max(1, round(stats.requests / n)) if stats.requests else 20
                    fstats, fwall = asyncio.run(loadlib.run_floor(n, per_client, floor_port,
                                                                  time_limit))
                finally:
                    floor_cpu = fserver.cpu_seconds() - floor_before
                    fserver.stop()
                result["floor"] = {
                    "requests": fstats.requests, "wall_s": round(fwall, 2),
                    "requests_per_s": round(fstats.requests / fwall, 1),
                    "errors": dict(fstats.errors), "latency": fstats.table()["ALL"],
                    "server_cpu_ms_per_request": round(
                        1000 * floor_cpu / max(1, fstats.requests), 3),
                    "loadavg_before_after": [round(floor_load, 1),
                                             round(os.getloadavg()[0], 1)],
                }
                result["floor_ratio"] = round(result["requests_per_s"]
                                              / result["floor"]["requests_per_s"], 3)
                # the same ratio from CPU per request: what a machine running nothing
                # else reaches when the server is CPU-bound (see docs/load.md)
                result["floor_cpu_ratio"] = round(
                    result["floor"]["server_cpu_ms_per_request"]
                    / max(1e-9, result["server_cpu_ms_per_request"]), 3)
            return result
    finally:
        if not keep:
            loadlib.remove(work)


def fault_run(kind: str, n: int, *, kill_after: float = 0.4, think: float = 0.0,
              time_limit: float = 120.0, keep: bool = False) -> dict[str, Any]:
    """SIGKILL gunicorn (master + workers) once ``kill_after`` of the expected requests
    are done, restart it, and let every respondent resume from their resume link."""
    work = loadlib.workdir()
    try:
        with loadlib.database(kind, work) as url:
            env, seed, port = _setup(kind, n, work, url)
            server = Server.tandem(env, port, work / "server.log")
            server.start()
            expected = n * (5 + 2 * len(seed.pages) + 2)
            events: dict[str, Any] = {}

            async def scenario() -> tuple[list[loadlib.Outcome], loadlib.Stats, float]:
                stats_box: dict[str, loadlib.Stats] = {}
                task = asyncio.create_task(_respondents(stats_box))
                t0 = time.monotonic()
                while (time.monotonic() - t0 < time_limit / 2 and not task.done()
                       and _done_requests(stats_box) < kill_after * expected):
                    await asyncio.sleep(0.05)
                events["requests_before_kill"] = _done_requests(stats_box)
                await asyncio.to_thread(server.kill)
                events["killed_at_s"] = round(time.monotonic() - t0, 2)
                await asyncio.sleep(0.5)
                await asyncio.to_thread(server.start)
                events["restarted_at_s"] = round(time.monotonic() - t0, 2)
                return await task

            async def _respondents(box: dict[str, loadlib.Stats]) -> Any:
                stats = loadlib.Stats()
                box["stats"] = stats
                return await _run_with(stats)

            async def _run_with(stats: loadlib.Stats) -> Any:
                outcomes, inner, wall = await loadlib.run_respondents(
                    n, seed, lambda: port, think=think, ramp=0.0, time_limit=time_limit,
                    run_id=secrets.token_hex(3), max_attempts=60, stats=stats)
                return outcomes, inner, wall

            def _done_requests(box: dict[str, loadlib.Stats]) -> int:
                return box["stats"].requests if "stats" in box else 0

            try:
                outcomes, stats, wall = asyncio.run(scenario())
            finally:
                server.stop()
            stored = loadlib.db_tool(env, "verify", str(seed.scan_id), seed.marker_item)
            interrupted = [o for o in outcomes if o.failures]
            return {
                "db": kind, "n": n, "wall_s": round(wall, 2), **events,
                "errors": dict(stats.errors),
                "interrupted": len(interrupted),
                "interrupted_mid_survey": sum(1 for o in interrupted if o.started),
                "resumed": sum(1 for o in outcomes if o.resumed),
                "interrupted_completed": sum(1 for o in interrupted if o.completed),
                "all_completed_ok": all(o.completed for o in outcomes),
                "zero_loss": check_zero_loss(outcomes, stored),
            }
    finally:
        if not keep:
            loadlib.remove(work)


def print_report(result: dict[str, Any]) -> None:
    print(f"\n== {result['db']}: {result['n']} respondents, think {result.get('think_s')} s")
    if "pages" in result:
        print(f"{'page':<14}{'count':>7}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}")
        for kind, row in result["pages"].items():
            print(f"{kind:<14}{row['count']:>7}{row['p50_ms']:>9.0f}{row['p95_ms']:>9.0f}"
                  f"{row['p99_ms']:>9.0f}")
        print(f"throughput: {result['requests_per_s']} req/s, "
              f"{result['completed_per_s']} completed respondents/s, wall {result['wall_s']} s")
        if "floor" in result:
            p95 = result["pages"]["ALL"]["p95_ms"]
            print(f"server CPU per request: {result['server_cpu_ms_per_request']} ms, floor "
                  f"{result['floor']['server_cpu_ms_per_request']} ms -> CPU ratio "
                  f"{result['floor_cpu_ratio']}")
            print(f"floor: {result['floor']['requests_per_s']} req/s -> ratio "
                  f"{result['floor_ratio']} (goal >= {GOAL_FLOOR_RATIO}: "
                  f"{'met' if result['floor_ratio'] >= GOAL_FLOOR_RATIO else 'NOT met'}); "
                  f"p95 {p95:.0f} ms (goal < {GOAL_P95_MS:.0f}: "
                  f"{'met' if p95 < GOAL_P95_MS else 'NOT met'})")
    print(json.dumps({k: v for k, v in result.items() if k != "pages"}, indent=1))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="sqlite,postgres",
                        help="comma-separated: sqlite, postgres")
    parser.add_argument("-n", type=int, default=500, help="simulated respondents")
    parser.add_argument("--think", type=float, default=0.0,
                        help="mean think time before each request, seconds (0: flat out)")
    parser.add_argument("--ramp", type=float, default=0.0,
                        help="respondents start spread over this many seconds")
    parser.add_argument("--time-limit", type=float, default=600.0,
                        help="hard bound on each load phase, seconds")
    parser.add_argument("--no-floor", action="store_true")
    parser.add_argument("--fault", action="store_true", help="the SIGKILL run instead")
    parser.add_argument("--conn-max-age", default="0",
                        help="DATABASE_CONN_MAX_AGE for the app and the floor (default 0)")
    parser.add_argument("--json", type=Path, help="append results as JSON lines here")
    args = parser.parse_args(argv)
    CONN_MAX_AGE["value"] = str(args.conn_max_age)
    ok = True
    for kind in [k.strip() for k in args.db.split(",") if k.strip()]:
        if kind == "postgres" and not loadlib.postgres_available():
            print("PostgreSQL on 127.0.0.1:5432 not reachable: skipped")
            continue
        if args.fault:
            result = fault_run(kind, args.n, time_limit=args.time_limit, think=args.think)
            ok &= result["all_completed_ok"]
        else:
            result = load_run(kind, args.n, think=args.think, ramp=args.ramp,
                              time_limit=args.time_limit, floor=not args.no_floor)
        result["conn_max_age"] = args.conn_max_age
        result["machine"] = f"{platform.node()} {platform.machine()} {os.cpu_count()} cpus"
        result["date"] = time.strftime("%Y-%m-%d %H:%M %Z")
        ok &= all(v for k, v in result["zero_loss"].items() if k.endswith("_ok"))
        print_report(result)
        if args.json:
            with args.json.open("a", encoding="utf-8") as handle:
                handle.write(json.dumps(result) + "\n")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
