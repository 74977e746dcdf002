"""The load generator and server harness behind run_load.py and tests/load.

Loopback only: every address here is 127.0.0.1. Every loop is bounded in count and time.

The generator is plain asyncio with a minimal HTTP/1.1 client (one connection per
request, ``Connection: close``): one Python process drives hundreds of respondents at a
small fraction of a core, so on a 2-core machine most CPU is left to the server under
test (locust's gevent workers or one thread per respondent cost more per request).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import random
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

HOST = "127.0.0.1"
HERE = Path(__file__).resolve().parent
PG_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"
MARKER_PREFIX = "LOADMARK-"

# ---------------------------------------------------------------- databases


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def postgres_available() -> bool:
    try:
        import psycopg

        with psycopg.connect(PG_ADMIN_URL, connect_timeout=3):
            return True
    except Exception:
        return False


@contextlib.contextmanager
def database(kind: str, workdir: Path) -> Iterator[str]:
    """A fresh database URL: a temp SQLite file, or a temp PostgreSQL database (dropped)."""
    if kind == "sqlite":
        yield f"sqlite:///{workdir / 'load.sqlite3'}"
        return
    import psycopg

    name = f"tandem_load_{secrets.token_hex(4)}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgres://postgres@127.0.0.1:5432/{name}"
    finally:
        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def app_env(database_url: str, workdir: Path, port: int) -> dict[str, str]:
    """Production settings as docs/deployment.md describes them behind a TLS proxy.

    Nothing is switched off: TANDEM_BEHIND_PROXY=1 and the client sends
    ``X-Forwarded-Proto: https`` (and a same-origin Referer, as a browser would), so
    secure cookies, the SSL redirect and CSRF's HTTPS checks all stay on.
    """
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("DJANGO_", "DATABASE_", "TANDEM_", "PYTEST_"))}
    env.update({
        "DJANGO_SETTINGS_MODULE": "tandem.web.settings",
        "TANDEM_ENV": "production",
        "DEBUG": "0",
        "SECRET_KEY": "load-" + secrets.token_urlsafe(40),
        "DATABASE_URL": database_url,
        "TANDEM_VAR_DIR": str(workdir / "var"),
        "STATIC_ROOT": str(workdir / "static"),
        "TANDEM_BEHIND_PROXY": "1",
        "ALLOWED_HOSTS": f"{HOST},localhost",
        "CSRF_TRUSTED_ORIGINS": f"https://{HOST}:{port}",
        "TANDEM_BASE_URL": f"https://{HOST}:{port}",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": os.pathsep.join([str(HERE), env.get("PYTHONPATH", "")]).rstrip(os.pathsep),
    })
    return env


def db_tool(env: dict[str, str], *args: str) -> Any:
    out = subprocess.run([sys.executable, str(HERE / "dbtool.py"), *args], env=env,
                         capture_output=True, text=True, timeout=300, check=False)
    if out.returncode != 0:
        raise RuntimeError(f"dbtool {args[0]} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout)


# ---------------------------------------------------------------- server


class Server:
    """gunicorn (master + workers) in its own process group, so SIGKILL hits all of it."""

    def __init__(self, command: list[str], env: dict[str, str], port: int, log: Path) -> None:
        self.command, self.env, self.port, self.log = command, env, port, log
        self.proc: subprocess.Popen[bytes] | None = None

    @classmethod
    def tandem(cls, env: dict[str, str], port: int, log: Path) -> Server:
        """``tandem serve`` itself: migrate, collectstatic, gunicorn as in production."""
        code = ("import sys; from tandem.cli import main; "
                f"sys.exit(main(['serve', '--host', '{HOST}', '--port', '{port}']))")
        return cls([sys.executable, "-c", code], env, port, log)

    @classmethod
    def floor(cls, env: dict[str, str], port: int, log: Path) -> Server:
        return cls([sys.executable, "-m", "loadfloor.serve", HOST, str(port)], env, port, log)

    def start(self, probe: str = "/s/", timeout: float = 120.0) -> None:
        handle = self.log.open("ab")
        self.proc = subprocess.Popen(self.command, env=self.env, stdout=handle,
                                     stderr=subprocess.STDOUT, start_new_session=True)
        handle.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited: see {self.log}\n{self.log.read_text()[-3000:]}")
            try:
                status = asyncio.run(_probe(self.port, probe))
                if status < 500:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"server did not answer in {timeout} s: see {self.log}")

    def cpu_seconds(self) -> float:
        """User + system CPU used so far by the master and every worker (the process
        group): the server's own cost, which other work on the machine hardly changes,
        unlike the wall-clock throughput."""
        if self.proc is None:
            return 0.0
        ticks = 0
        for entry in os.scandir("/proc"):
            if not entry.name.isdigit():
                continue
            try:
                fields = Path(entry.path, "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[2]) == self.proc.pid:  # pgrp; utime and stime follow at 11, 12
                ticks += int(fields[11]) + int(fields[12])
        return ticks / os.sysconf("SC_CLK_TCK")

    def kill(self) -> None:
        """SIGKILL the master and every worker (the whole process group)."""
        if self.proc is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=30)
        self.proc = None

    def stop(self) -> None:
        if self.proc is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.kill()
        self.proc = None


async def warm_up(port: int, paths: list[str], rounds: int = 8) -> None:
    """GET each path ``rounds`` times at once, so that every worker has loaded its
    templates and catalogue before the clock runs (a server that has been up a while)."""
    await asyncio.gather(*(request(port, "GET", path, {}, timeout=60)
                           for path in paths for _ in range(rounds)))


async def _probe(port: int, path: str) -> int:
    reply = await request(port, "GET", path, {}, timeout=5)
    return reply.status


# ---------------------------------------------------------------- HTTP client


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    cookies: list[str]
    body: str

    @property
    def location(self) -> str:
        return self.headers.get("location", "")


async def request(port: int, method: str, path: str, cookies: dict[str, str],
                  data: dict[str, str] | None = None, *, timeout: float = 60.0) -> Reply:
    """One HTTP/1.1 request on a new connection to 127.0.0.1:port; the whole reply."""
    body = urlencode(data).encode() if data is not None else b""
    lines = [
        f"{method} {path} HTTP/1.1",
        f"Host: {HOST}:{port}",
        "Connection: close",
        "User-Agent: tandem-load/1",
        "Accept-Language: nl,en;q=0.8",
        "X-Forwarded-Proto: https",
        f"Referer: https://{HOST}:{port}{path}",
    ]
    if cookies:
        lines.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in cookies.items()))
    if data is not None:
        lines += ["Content-Type: application/x-www-form-urlencoded",
                  f"Content-Length: {len(body)}"]
    raw = ("\r\n".join(lines) + "\r\n\r\n").encode() + body

    async def exchange() -> bytes:
        reader, writer = await asyncio.open_connection(HOST, port)
        try:
            writer.write(raw)
            await writer.drain()
            return await reader.read(-1)
        finally:
            writer.close()
            with contextlib.suppress(Exception):
                await writer.wait_closed()

    data_in = await asyncio.wait_for(exchange(), timeout)
    head, _, rest = data_in.partition(b"\r\n\r\n")
    if not head:
        raise ConnectionError("empty reply")
    head_lines = head.decode("latin-1").split("\r\n")
    status = int(head_lines[0].split()[1])
    headers: dict[str, str] = {}
    set_cookies: list[str] = []
    for line in head_lines[1:]:
        name, _, value = line.partition(":")
        if name.lower() == "set-cookie":
            set_cookies.append(value.strip())
        headers[name.lower()] = value.strip()
    return Reply(status, headers, set_cookies, rest.decode("utf-8", "replace"))


class ServerError(Exception):
    """A reply the flow did not expect (5xx, or a 4xx where a redirect was due)."""


# ---------------------------------------------------------------- statistics


@dataclass
class Stats:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    first: float = float("inf")
    last: float = 0.0

    def record(self, kind: str, started: float, ended: float) -> None:
        self.latencies[kind].append(ended - started)
        self.first = min(self.first, started)
        self.last = max(self.last, ended)

    @property
    def requests(self) -> int:
        return sum(len(v) for v in self.latencies.values())

    def table(self) -> dict[str, dict[str, float]]:
        rows = {kind: summary(values) for kind, values in sorted(self.latencies.items())}
        rows["ALL"] = summary([x for v in self.latencies.values() for x in v])
        return rows


def percentile(sorted_values: list[float], q: float) -> float:
    if not sorted_values:
        return float("nan")
    index = min(len(sorted_values) - 1, max(0, round(q / 100 * len(sorted_values) + 0.5) - 1))
    return sorted_values[index]


def summary(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {"count": len(ordered), "p50_ms": percentile(ordered, 50) * 1000,
            "p95_ms": percentile(ordered, 95) * 1000, "p99_ms": percentile(ordered, 99) * 1000}


# ---------------------------------------------------------------- respondents

CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
TICKET_RE = re.compile(r'name="ticket" value="([^"]+)"')
CONTINUE_RE = re.compile(r'href="(/s/r/[^/"]+/q/[^/"]+/)"')


@dataclass
class Seed:
    scan_id: int
    access_code: str
    open_token: str
    pages: list[tuple[str, list[str]]]
    marker_item: str
    answers: list[dict[str, str]]

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Seed:
        return cls(data["scan_id"], data["access_code"], data["open_token"],
                   [(p, items) for p, items in data["pages"]], data["marker_item"],
                   data["answers"])


@dataclass
class Outcome:
    marker: str
    started: bool = False  # has a resume link (consent stored)
    submit_sent: bool = False
    completed: bool = False  # the server confirmed: redirect to the thank-you page
    failures: int = 0
    resumed: int = 0
    expected_items: int = 0  # non-empty answers this respondent gives (all must be stored)


class Respondent:
    """One simulated person on the access code / open link, who resumes after failures."""

    def __init__(self, index: int, run_id: str, seed: Seed, port_of: Any, stats: Stats,
                 think: float, rng: random.Random) -> None:
        self.seed, self.port_of, self.stats, self.think, self.rng = seed, port_of, stats, think, rng
        self.cookies: dict[str, str] = {}
        self.lang = "nl" if index % 3 else "en"
        self.outcome = Outcome(marker=f"{MARKER_PREFIX}{run_id}-{index:05d}")
        answers = dict(seed.answers[index % len(seed.answers)])
        answers[seed.marker_item] = f"{self.outcome.marker} {answers.get(seed.marker_item, '')}"
        self.answers = answers
        self.outcome.expected_items = sum(1 for v in answers.values() if v.strip())
        self.resume: str | None = None
        self.page = 0
        self.ticket: str | None = None

    async def call(self, kind: str, method: str, path: str,
                   data: dict[str, str] | None = None, expect: tuple[int, ...] = (200,)) -> Reply:
        if self.think:
            await asyncio.sleep(self.rng.uniform(0, 2 * self.think))
        started = time.perf_counter()
        try:
            reply = await request(self.port_of(), method, path, self.cookies, data)
        except (OSError, TimeoutError, ValueError, IndexError, asyncio.IncompleteReadError) as exc:
            self.stats.errors[f"{kind}: {type(exc).__name__}"] += 1
            raise
        ended = time.perf_counter()
        for cookie in reply.cookies:
            pair = cookie.split(";", 1)[0]
            name, _, value = pair.partition("=")
            if 'expires=Thu, 01 Jan 1970' in cookie or "Max-Age=0" in cookie or value in ('""', ""):
                self.cookies.pop(name.strip(), None)
            else:
                self.cookies[name.strip()] = value.strip()
        if reply.status not in expect:
            self.stats.errors[f"{kind}: HTTP {reply.status}"] += 1
            raise ServerError(f"{method} {path}: {reply.status} {reply.body[:300]}")
        self.stats.record(kind, started, ended)
        return reply

    def csrf(self, reply: Reply) -> str:
        match = CSRF_RE.search(reply.body)
        if not match:
            raise ServerError("no CSRF token on the page")
        return match.group(1)

    async def walk(self) -> None:
        """From wherever this respondent is to the thank-you page."""
        if self.ticket is not None and self.resume is not None and self.outcome.submit_sent:
            await self.submit()  # a repeat with the ticket is recognised and lands on done
            return
        if self.resume is None:
            code_page = await self.call("code_get", "GET", "/s/")
            to_open = await self.call("code_post", "POST", "/s/", {
                "csrfmiddlewaretoken": self.csrf(code_page), "code": self.seed.access_code,
                "lang": self.lang}, expect=(302,))
            intro = await self.call("intro_get", "GET", to_open.location)
            first = await self.call("consent_post", "POST", to_open.location, {
                "csrfmiddlewaretoken": self.csrf(intro), "consent": "yes", "lang": self.lang},
                expect=(302,))
            self.resume = first.location.split("/")[3]
            self.outcome.started = True
            self.page = 0
        elif self.outcome.failures:
            welcome = await self.call("resume_get", "GET", f"/s/r/{self.resume}/")
            self.outcome.resumed += 1
            match = CONTINUE_RE.search(welcome.body)
            if match:
                section = match.group(1).rstrip("/").split("/")[-1]
                ids = [p for p, _items in self.seed.pages]
                self.page = ids.index(section) if section in ids else 0
        while self.page < len(self.seed.pages):
            section, items = self.seed.pages[self.page]
            url = f"/s/r/{self.resume}/q/{section}/"
            page = await self.call("section_get", "GET", url)
            posted = {i: self.answers.get(i, "") for i in items}
            await self.call("section_post", "POST", url, {
                **posted, "csrfmiddlewaretoken": self.csrf(page), "nav": "next"}, expect=(302,))
            self.page += 1
        review = await self.call("review_get", "GET", f"/s/r/{self.resume}/review/")
        match = TICKET_RE.search(review.body)
        if not match:
            raise ServerError("no submit ticket on the review page")
        self.ticket = match.group(1)
        self.review_csrf = self.csrf(review)
        await self.submit()

    async def submit(self) -> None:
        assert self.ticket is not None and self.resume is not None
        self.outcome.submit_sent = True
        done = await self.call("submit_post", "POST", f"/s/r/{self.resume}/review/", {
            "csrfmiddlewaretoken": self.review_csrf, "submit": "1", "ticket": self.ticket,
            "lang_now": self.lang}, expect=(302,))
        if not done.location.startswith("/s/done/"):
            raise ServerError(f"submit went to {done.location}")
        self.outcome.completed = True
        with contextlib.suppress(Exception):
            await self.call("done_get", "GET", done.location)

    async def run(self, deadline: float, max_attempts: int) -> Outcome:
        for _attempt in range(max_attempts):
            if time.monotonic() >= deadline:
                break
            try:
                await asyncio.wait_for(self.walk(), max(0.1, deadline - time.monotonic()))
                return self.outcome
            except (OSError, TimeoutError, ServerError, ValueError, IndexError,
                    asyncio.IncompleteReadError):
                self.outcome.failures += 1
                await asyncio.sleep(min(5.0, 0.2 * 2 ** min(self.outcome.failures, 5))
                                    * self.rng.uniform(0.5, 1.5))
        return self.outcome


async def run_respondents(n: int, seed: Seed, port_of: Any, *, think: float, ramp: float,
                          time_limit: float, run_id: str, max_attempts: int = 30,
                          rng_seed: int = 1,
                          stats: Stats | None = None) -> tuple[list[Outcome], Stats, float]:
    stats = stats if stats is not None else Stats()
    rng = random.Random(rng_seed)
    deadline = time.monotonic() + time_limit
    people = [Respondent(i, run_id, seed, port_of, stats, think, random.Random(rng.random()))
              for i in range(n)]

    async def one(person: Respondent, delay: float) -> Outcome:
        await asyncio.sleep(delay)
        return await person.run(deadline, max_attempts)

    started = time.perf_counter()
    outcomes = await asyncio.gather(*(one(p, rng.uniform(0, ramp)) for p in people))
    return list(outcomes), stats, time.perf_counter() - started


async def run_floor(clients: int, per_client: int, port: int,
                    time_limit: float) -> tuple[Stats, float]:
    """``clients`` concurrent clients each write ``per_client`` rows through the floor view."""
    stats = Stats()
    deadline = time.monotonic() + time_limit

    async def client(c: int) -> None:
        for r in range(per_client):
            if time.monotonic() >= deadline:
                return
            started = time.perf_counter()
            try:
                reply = await request(port, "POST", f"/hit/?m=c{c}r{r}", {}, {})
            except (OSError, TimeoutError, ValueError, IndexError) as exc:
                stats.errors[type(exc).__name__] += 1
                continue
            if reply.status == 200:
                stats.record("floor_post", started, time.perf_counter())
            else:
                stats.errors[f"HTTP {reply.status}"] += 1

    started = time.perf_counter()
    await asyncio.gather(*(client(c) for c in range(clients)))
    return stats, time.perf_counter() - started


def workdir() -> Path:
    return Path(tempfile.mkdtemp(prefix="tandem-load-"))


def remove(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
