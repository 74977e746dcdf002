"""Benchmark: the web export of the research pool, 250,000 respondents by default.

Sets up a fresh database (SQLite in a temporary directory, or a new PostgreSQL database
next to the one of ``DATABASE_URL``, dropped at the end), stores ``--organisations``
consenting organisations with one closed scan each and ``--respondents`` responses in
all (PostgreSQL: ``COPY``; SQLite: ``bulk_create``), then times, through Django's test
client as a researcher:

  * the streamed CSV (``/research/pool/stream-en.zip``): time to the first byte, to the
    first data row, and to the last byte, with the peak memory of the process;
  * the same through the API (``/api/v1/research/pool.csv.zip``): time to the first
    byte (the stream is then closed);
  * SPSS (and ``--stata``) in the background: how long asking takes (the request that
    queues the task), how long the worker takes to make the file, and the download of
    the stored file (first byte, last byte).

Tasks are queued, not run, during the requests (Django's dummy task back-end), as with
the database back-end and its worker in production; the worker's part is timed by
running the task's function here.

Run:  .venv/bin/python benchmarks/web_export.py [--respondents 250000] [--organisations 500]
      DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python ...
Goal (issue 14): the web export of a 250k pool starts within 2 s and never times out.
docs/research.md keeps the figures.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import sys
import tempfile
import time
import uuid
import zipfile
from collections.abc import Iterator
from datetime import date
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from bench_results_page import _cpu  # the CPU's name, as the results page benchmark says it

SETTINGS = frozenset({"should_decide"})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--respondents", type=int, default=250_000)
    parser.add_argument("--organisations", type=int, default=500)
    parser.add_argument("--stata", action="store_true", help="time the Stata file too")
    args = parser.parse_args()
    bench_db = _database()
    try:
        return _run(args)
    finally:
        if bench_db:
            _drop(bench_db)


def _database() -> str | None:
    """A new PostgreSQL database beside DATABASE_URL's (its name, to drop it), or None
    for a fresh SQLite file in a temporary directory."""
    os.environ.setdefault("TANDEM_VAR_DIR", tempfile.mkdtemp(prefix="tandem-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tandem.web.settings")
    os.environ["ALLOWED_HOSTS"] = "testserver,localhost"
    os.environ["TANDEM_TASKS_BACKEND"] = "django.tasks.backends.dummy.DummyBackend"
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        os.environ.pop("DATABASE_URL", None)
        return None
    import psycopg

    name = f"tandem_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f"CREATE DATABASE {name}")
    parts = urlsplit(url)
    os.environ["DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{name}"))
    os.environ["TANDEM_BENCH_ADMIN_URL"] = url
    return name


def _drop(name: str) -> None:
    import psycopg
    from django.db import connections

    connections.close_all()
    with psycopg.connect(os.environ["TANDEM_BENCH_ADMIN_URL"], autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name}")


def _run(args: argparse.Namespace) -> int:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    t0 = time.perf_counter()
    researcher, token = _seed(args.respondents, args.organisations)
    seeded = time.perf_counter() - t0
    rows: list[tuple[str, str]] = []
    _warm_up(researcher)
    stream = _timed_stream(researcher, "/research/pool/stream-en.zip")
    rows += [("CSV streamed (web): first byte", _s(stream["first"])),
             ("CSV streamed (web): first data row", _s(stream["first_row"])),
             ("CSV streamed (web): last byte", _s(stream["total"])),
             ("CSV streamed (web): longest wait between two chunks", _s(stream["gap"])),
             ("CSV streamed (web): peak memory of the process", _mib(stream["peak"])),
             ("CSV streamed (web): size", _mib(stream["size"]))]
    api = _timed_stream(None, "/api/v1/research/pool.csv.zip", token=token, whole=False)
    rows.append(("CSV streamed (API): first byte", _s(api["first"])))
    for fmt in ("sav", "dta") if args.stata else ("sav",):
        made = _background(researcher, fmt)
        rows += [(f"{fmt.upper()}: asking (the request that queues the task)",
                  _s(made["ask"])),
                 (f"{fmt.upper()}: making the file (the worker)", _s(made["build"])),
                 (f"{fmt.upper()}: peak memory while making it", _mib(made["peak"])),
                 (f"{fmt.upper()}: download of the stored file, first byte",
                  _s(made["first"])),
                 (f"{fmt.upper()}: download, last byte", _s(made["total"])),
                 (f"{fmt.upper()}: size", _mib(made["size"]))]

    print(f"# Research pool web export benchmark ({date.today().isoformat()})\n")
    print(f"- machine: {platform.machine()}, {os.cpu_count()} CPU, {_cpu()}; "
          f"Python {sys.version.split()[0]}; database {connection.vendor}")
    print(f"- {args.respondents:,} respondents in {args.organisations} consenting "
          f"organisations (one closed scan each) stored in {seeded:.1f} s; "
          f"{stream['rows']:,} rows in the pool\n")
    print("| measure | figure |")
    print("|---|---|")
    for name, figure in rows:
        print(f"| {name} | {figure} |")
    # every stored respondent in the pool: a scan left out (answers that no longer
    # validate) would make the figures those of a smaller pool
    ok = stream["first"] < 2.0 and api["first"] < 2.0 and stream["rows"] == args.respondents
    print(f"\nGoal (the export starts within 2 s): {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


def _seed(respondents: int, organisations: int) -> tuple[Any, str]:
    """Organisations, each with a closed scan and its share of the responses, all
    consenting; a researcher with a token."""
    from django.contrib.auth.models import Permission
    from django.utils import timezone

    from tandem.instrument import DEFAULT_INSTRUMENT
    from tandem.io.demo import generate_responses
    from tandem.web.accounts.models import User
    from tandem.web.api.services import token_create
    from tandem.web.organisations.models import Membership, Organisation, Role
    from tandem.web.research.models import Consent, ResearchCode
    from tandem.web.scans.services import scan_close, scan_create, scan_open

    owner = User.objects.create_user("owner@bench.example", password="benchmark password 1")
    sectors = ("manufacturing", "trade", "ict", "finance", "business_services")
    bands = ("10-49", "50-249", "250-999", "1000+")
    Organisation.objects.bulk_create(
        Organisation(name=f"Bench org {i}", slug=f"bench-org-{i}", sector=sectors[i % 5],
                     employees=bands[i % 4], market="b2b") for i in range(organisations))
    orgs = list(Organisation.objects.order_by("pk"))
    Membership.objects.bulk_create(Membership(organisation=o, user=owner, role=Role.OWNER)
                                   for o in orgs)
    # the answers of the questionnaire the scans run (generate_responses' default too)
    frames = [generate_responses(600, seed, "default", settings=SETTINGS)
              for seed in range(4)]
    answers = [[{k: str(v) for k, v in row.items() if k != "respondent" and str(v) != ""}
                for row in frame.to_dict("records")] for frame in frames]
    scans = []
    per = respondents // organisations
    for i, org in enumerate(orgs):
        scan = scan_open(scan=scan_create(organisation=org, title="Wave 1",
                                          instrument_name=DEFAULT_INSTRUMENT,
                                          should_decide=True), actor=owner)
        n = per + (1 if i < respondents - per * organisations else 0)
        scans.append((scan, n))
    _responses(scans, answers)
    for scan, _n in scans:
        scan_close(scan=scan, actor=owner)
    now = timezone.now()
    Consent.objects.bulk_create(Consent(organisation=o, granted=True, at=now, by=owner,
                                        by_email=owner.email, text_version=1, text="bench",
                                        language="en") for o in orgs)
    ResearchCode.objects.bulk_create(ResearchCode(organisation=o, code=uuid.uuid4().hex[:12])
                                     for o in orgs)
    researcher = User.objects.create_user("researcher@bench.example",
                                          password="benchmark password 2")
    researcher.user_permissions.add(Permission.objects.get(codename="export_pool"))
    Membership.objects.create(organisation=orgs[0], user=researcher, role=Role.VIEWER)
    token = token_create(organisation=orgs[0], user=researcher).secret
    return User.objects.get(pk=researcher.pk), token


def _responses(scans: list[tuple[Any, int]], answers: list[list[dict[str, str]]]) -> None:
    """The responses: COPY on PostgreSQL, bulk_create on SQLite."""
    from django.db import connection

    from tandem.web.responses.models import Response

    def rows() -> Iterator[tuple[Any, ...]]:
        today = date.today()
        for i, (scan, n) in enumerate(scans):
            source = answers[i % len(answers)]
            for j in range(n):
                yield (uuid.uuid4(), scan.pk, scan.instrument_id, scan.instrument_version,
                       scan.form, "nl" if j % 3 else "en", source[j % len(source)],
                       "submitted", today)

    if connection.vendor == "postgresql":
        table = Response._meta.db_table
        columns = ("id", "scan_id", "instrument_id", "instrument_version", "form",
                   "language", "answers", "status", "submitted_on")
        with connection.cursor() as cursor:
            raw = cursor.cursor
            with raw.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows():
                    copy.write_row((*row[:6], json.dumps(row[6]), *row[7:]))
        return
    batch: list[Response] = []
    for row in rows():
        batch.append(Response(id=row[0], scan_id=row[1], instrument_id=row[2],
                              instrument_version=row[3], form=row[4], language=row[5],
                              answers=row[6], status=row[7], submitted_on=row[8]))
        if len(batch) == 5000:
            Response.objects.bulk_create(batch)
            batch.clear()
    Response.objects.bulk_create(batch)


def _warm_up(user: Any) -> None:
    """One page first, as a running server has served: the URL map and the views are
    imported on the first request, not on the one measured."""
    from django.test import Client
    from django.urls import reverse

    client = Client()
    client.force_login(user)
    assert client.get(reverse("research:pool")).status_code == 200


def _timed_stream(user: Any, url: str, *, token: str = "",
                  whole: bool = True) -> dict[str, float]:
    from django.test import Client

    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}") if token else Client()
    if user is not None:
        client.force_login(user)
    _reset_peak()
    start = time.perf_counter()
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    chunks = iter(response.streaming_content)
    out = io.BytesIO()
    first = first_row = gap = 0.0
    last = start
    for chunk in chunks:
        if not chunk:
            continue
        now = time.perf_counter()
        gap, last = max(gap, now - last), now
        if not first:
            first = now - start
            if not whole:
                break
        elif not first_row:  # the first bytes after the ZIP member's header: data
            first_row = now - start
        out.write(chunk)
    total = time.perf_counter() - start
    response.close()
    if not whole:
        return {"first": first}
    body = out.getvalue()
    book = json.loads(zipfile.ZipFile(io.BytesIO(body)).read("codebook.json"))
    return {"first": first, "first_row": first_row, "total": total, "size": len(body),
            "rows": book["export"]["rows"], "peak": _peak(), "gap": gap}


def _background(user: Any, fmt: str) -> dict[str, float]:
    from django.test import Client
    from django.urls import reverse

    from tandem.web.research.models import Pool
    from tandem.web.research.services import pool_build

    client = Client()
    client.force_login(user)
    start = time.perf_counter()
    response = client.post(reverse("research:pool"), {"fmt": fmt, "language": "en"})
    ask = time.perf_counter() - start
    assert response.status_code == 302, response.status_code
    pool = Pool.objects.filter(fmt=fmt).latest("pk")
    _reset_peak()
    start = time.perf_counter()
    made = pool_build(pool_id=pool.pk)
    build = time.perf_counter() - start
    assert made is not None and made.status == "ready", made
    peak = _peak()
    download = _timed_stream(user, reverse("research:pool_download",
                                           kwargs={"pool_id": pool.pk}))
    return {"ask": ask, "build": build, "peak": peak, "first": download["first"],
            "total": download["total"], "size": download["size"]}


def _reset_peak() -> None:
    """Reset the process's peak resident memory (Linux: VmHWM), so the next peak is
    the measured step's."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as refs:
            refs.write("5")
    except OSError:
        pass


def _peak() -> float:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return float(line.split()[1]) * 1024
    except OSError:
        pass
    import resource

    return float(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss) * 1024


def _s(seconds: float) -> str:
    return f"{seconds:.2f} s"


def _mib(size: float) -> str:
    return f"{size / 2**20:,.1f} MiB"


if __name__ == "__main__":
    raise SystemExit(main())
