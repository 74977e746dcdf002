"""Two app servers on one PostgreSQL database take answers for one scan at the same time.

The set-up of docs/deployment.md, "Several app servers": two ``tandem serve`` processes
(gunicorn, TANDEM_ENV=production, DEBUG off) on two loopback ports, each with its own
local directory as on two machines, sharing one environment (the same SECRET_KEY and
DATABASE_URL, migrated once beforehand), and the database task worker sending the
invitation e-mails. The client plays the reverse proxy as well as the browsers: one
public host name, ``X-Forwarded-Proto: https``, and every respondent's requests
alternate between the two servers, so a page served by one is posted to the other and a
draft saved by one is continued, resumed and submitted on the other. Every final submit
is sent to both servers at the same moment (a double click that the proxy spread over
both back-ends).

Asserted is what is stored, against what the respondents sent and were told (one
complete response per respondent, none twice, every invitation used once, no draft
left), that no request got an error, and that link guessing is counted across both
servers per client. No timing assertions. It needs PostgreSQL (SQLite cannot be shared
by two machines), so it runs in the suite's PostgreSQL run (DATABASE_URL=postgres://...),
on its own throwaway database on that server. Figures: docs/load.md.
"""

from __future__ import annotations

import http.client
import json
import re
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import pytest

from tandem.web.survey.ratelimit import MAX_FAILURES
from tests.load import harness
from tests.load.harness import loadlib

POSTGRES = harness.postgres_url()

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(POSTGRES is None, reason=(
        "two app servers need one shared PostgreSQL database: runs when DATABASE_URL is "
        "postgres://... (the suite's PostgreSQL run)")),
]

INVITED = 24  # respondents on a personal link (e-mailed by the task worker)
OPEN = 12  # respondents on the access code / open link
CONN_MAX_AGE = "60"  # as docs/deployment.md recommends for PostgreSQL
TIME_LIMIT = 120.0  # bound on the respondents' phase, seconds
REQUEST_TIMEOUT = 60.0
# Respondents who open their personal link again after submitting. A spent link counts
# towards the survey's limit on unusable links per client address; the test's clients
# differ only in X-Forwarded-For (all connect from 127.0.0.1), so keep a few.
REUSE_CHECKS = 3

TOKEN_RE = re.compile(rf"https://{re.escape(harness.PUBLIC_HOST)}/s/i/([A-Za-z0-9_-]+)/")
CONTINUE_RE = re.compile(r'href="(/s/[ir]/[^/"]+/q/[^/"]+/)"')


# ---------------------------------------------------------------- the browser


@dataclass
class Reply:
    status: int
    location: str
    body: str
    set_cookies: list[str]


class Browser:
    """One respondent's browser behind the proxy: one cookie jar, one public host.

    Each request goes to the other server than the one before (``first`` picks where
    the respondent starts), on a new connection, with the headers the proxy adds.
    """

    def __init__(self, ports: tuple[int, int], first: int, client_ip: str) -> None:
        self.ports, self.turn, self.client_ip = ports, first, client_ip
        self.cookies: dict[str, str] = {}
        self.per_server: Counter[int] = Counter()

    def _headers(self, path: str, body: bytes | None) -> dict[str, str]:
        headers = {
            "Host": harness.PUBLIC_HOST,
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": self.client_ip,
            "Referer": f"https://{harness.PUBLIC_HOST}{path}",
            "User-Agent": "tandem-two-servers/1",
            "Accept-Language": "nl,en;q=0.8",
            "Connection": "close",
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        return headers

    def _connect(self, port: int) -> http.client.HTTPConnection:
        conn = http.client.HTTPConnection(loadlib.HOST, port, timeout=REQUEST_TIMEOUT)
        conn.connect()
        self.per_server[port] += 1
        return conn

    @staticmethod
    def _exchange(conn: http.client.HTTPConnection, method: str, path: str,
                  body: bytes | None, headers: dict[str, str]) -> Reply:
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            text = response.read().decode("utf-8", "replace")
            cookies = [v for k, v in response.getheaders() if k.lower() == "set-cookie"]
            return Reply(response.status, response.getheader("Location", ""), text, cookies)
        finally:
            conn.close()

    def _keep(self, reply: Reply) -> None:
        for cookie in reply.set_cookies:
            name, _, value = cookie.split(";", 1)[0].partition("=")
            if "Max-Age=0" in cookie or "01 Jan 1970" in cookie or value in ("", '""'):
                self.cookies.pop(name.strip(), None)
            else:
                self.cookies[name.strip()] = value.strip()

    @staticmethod
    def _check(method: str, path: str, reply: Reply, expect: int) -> Reply:
        if reply.status != expect:
            raise AssertionError(f"{method} {path}: {reply.status} (expected {expect}) "
                                 f"{reply.location} {reply.body[:300]!r}")
        return reply

    def send(self, method: str, path: str, data: dict[str, str] | None = None) -> Reply:
        body = urlencode(data).encode() if data is not None else None
        port = self.ports[self.turn % 2]
        self.turn += 1
        reply = self._exchange(self._connect(port), method, path, body,
                               self._headers(path, body))
        self._keep(reply)
        return reply

    def get(self, path: str, expect: int = 200) -> Reply:
        return self._check("GET", path, self.send("GET", path), expect)

    def post(self, path: str, data: dict[str, str], expect: int = 302) -> Reply:
        return self._check("POST", path, self.send("POST", path, data), expect)

    def post_to_both(self, path: str, data: dict[str, str]) -> list[Reply]:
        """The same POST to both servers at the same moment (connected first, then a
        barrier), as a double click the proxy sends to two back-ends."""
        body = urlencode(data).encode()
        headers = self._headers(path, body)
        conns = [self._connect(port) for port in self.ports]
        barrier = threading.Barrier(2, timeout=REQUEST_TIMEOUT)

        def one(conn: http.client.HTTPConnection) -> Reply:
            barrier.wait()
            return self._exchange(conn, "POST", path, body, headers)

        with ThreadPoolExecutor(max_workers=2) as pool:
            replies = list(pool.map(one, conns))
        for reply in replies:
            self._keep(reply)
        return replies


def csrf(reply: Reply) -> str:
    match = loadlib.CSRF_RE.search(reply.body)
    assert match, f"no CSRF token on the page: {reply.body[:300]!r}"
    return match.group(1)


# ---------------------------------------------------------------- the respondents


@dataclass
class Outcome:
    index: int
    kind: str  # "i": personal link, "r": open link (resume link after consent)
    marker: str
    language: str
    expected: dict[str, str]  # item -> answer, as it must be stored
    consent_locations: list[str] = field(default_factory=list)
    submit_replies: list[tuple[int, str]] = field(default_factory=list)
    completed: bool = False  # the server answered the submit with the thank-you page
    reuse_status: list[int] = field(default_factory=list)
    error: str | None = None


def answer_the_scan(browser: Browser, outcome: Outcome, seed: loadlib.Seed,
                    answers: dict[str, str], token: str | None) -> None:
    """From the link (or the access code) to the thank-you page, alternating servers."""
    lang = outcome.language
    if token is not None:
        base = f"/s/i/{token}"
        intro = browser.get(f"{base}/")
        consent = {"csrfmiddlewaretoken": csrf(intro), "consent": "yes", "lang": lang}
        if outcome.index % 4 == 0:  # a double click on "start" as well
            replies = browser.post_to_both(f"{base}/", consent)
            assert all(r.status == 302 for r in replies), [(r.status, r.body) for r in replies]
            outcome.consent_locations = [r.location for r in replies]
        else:
            outcome.consent_locations = [browser.post(f"{base}/", consent).location]
    else:
        code_page = browser.get("/s/")
        to_open = browser.post("/s/", {"csrfmiddlewaretoken": csrf(code_page),
                                       "code": seed.access_code, "lang": lang})
        assert to_open.location == f"/s/o/{seed.open_token}/", to_open.location
        intro = browser.get(to_open.location)
        first = browser.post(to_open.location, {"csrfmiddlewaretoken": csrf(intro),
                                                "consent": "yes", "lang": lang})
        outcome.consent_locations = [first.location]
        base = first.location.split("/q/")[0]
    first_page = f"{base}/q/{seed.pages[0][0]}/"
    # A second consent that saw the first one's draft goes to the welcome-back page.
    assert set(outcome.consent_locations) <= {first_page, f"{base}/"}, outcome.consent_locations
    assert first_page in outcome.consent_locations, outcome.consent_locations

    pause_at = len(seed.pages) // 2
    for number, (section, items) in enumerate(seed.pages):
        url = f"{base}/q/{section}/"
        posted = {item: answers.get(item, "") for item in items}
        page = browser.get(url)
        if number == pause_at:  # "continue later", then back through the link
            later = browser.post(url, {**posted, "csrfmiddlewaretoken": csrf(page),
                                       "nav": "later"})
            assert later.location == f"{base}/", later.location
            welcome = browser.get(later.location)
            match = CONTINUE_RE.search(welcome.body)
            # Resume opens the first unanswered page: this one, or the next when every
            # statement here was answered before "continue later".
            after = (f"{base}/q/{seed.pages[number + 1][0]}/" if number + 1 < len(seed.pages)
                     else f"{base}/review/")
            assert match and match.group(1) in (url, after), (url, match and match.group(1))
            page = browser.get(url)
        browser.post(url, {**posted, "csrfmiddlewaretoken": csrf(page), "nav": "next"})

    review = browser.get(f"{base}/review/")
    ticket = loadlib.TICKET_RE.search(review.body)
    assert ticket, "no submit ticket on the review page"
    replies = browser.post_to_both(f"{base}/review/", {
        "csrfmiddlewaretoken": csrf(review), "submit": "1", "ticket": ticket.group(1),
        "lang_now": lang})
    outcome.submit_replies = [(r.status, r.location) for r in replies]
    done = [r.location for r in replies if r.status == 302 and r.location.startswith("/s/done/")]
    outcome.completed = bool(done)
    if done:
        browser.get(done[0])
    if token is not None and outcome.index < REUSE_CHECKS:
        outcome.reuse_status = [browser.send("GET", f"{base}/").status for _ in range(2)]


def run_respondents(seed: loadlib.Seed, tokens: list[str],
                    ports: tuple[int, int]) -> tuple[list[Outcome], Counter[int], float]:
    """Everyone starts at the same moment, one thread each; bounded by TIME_LIMIT."""
    people: list[tuple[Outcome, dict[str, str], str | None]] = []
    for index in range(INVITED + OPEN):
        token = tokens[index] if index < INVITED else None
        marker = f"{loadlib.MARKER_PREFIX}two-{index:04d}"
        answers = dict(seed.answers[index % len(seed.answers)])
        answers[seed.marker_item] = f"{marker} {answers.get(seed.marker_item, '')}"
        expected = {k: v.strip() for k, v in answers.items() if v.strip()}
        people.append((Outcome(index, "i" if token else "r", marker,
                               "en" if index % 3 == 0 else "nl", expected), answers, token))
    browsers = [Browser(ports, index % 2, f"198.51.100.{index + 1}")
                for index in range(len(people))]
    start = threading.Barrier(len(people), timeout=60)

    def one(browser: Browser, outcome: Outcome, answers: dict[str, str],
            token: str | None) -> None:
        try:
            start.wait()
            answer_the_scan(browser, outcome, seed, answers, token)
        except Exception as exc:  # recorded and asserted on, never swallowed
            outcome.error = f"{type(exc).__name__}: {exc}"

    threads = [threading.Thread(target=one, args=(b, *p), daemon=True)
               for b, p in zip(browsers, people, strict=True)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + TIME_LIMIT
    for thread in threads:
        thread.join(max(0.0, deadline - time.monotonic()))
    wall = time.perf_counter() - began
    assert not any(t.is_alive() for t in threads), f"respondents still running after {wall:.0f} s"
    per_server: Counter[int] = Counter()
    for browser in browsers:
        per_server.update(browser.per_server)
    return [p[0] for p in people], per_server, wall


def where(outcome: Outcome, reply: tuple[int, str]) -> str:
    """Where one of the two simultaneous submits sent the browser: "done" (thank-you).

    This test once found the race where the second submit read the invitation before
    the first committed and its draft after, and was sent to the spent link's entry
    page; ``access.visit_for`` now sees the link as used and the ticket as a repeat
    (forced deterministically in tests/web/test_survey_links.py).
    """
    status, location = reply
    if status == 302 and location.startswith("/s/done/"):
        return "done"
    return f"{status} {location}"


def guessing_is_limited_on_both_servers(ports: tuple[int, int],
                                        open_link: str) -> dict[str, list[int]]:
    """One client guesses links on both servers in turn; another client answers.

    The failure counter must live in the shared cache, or each server would allow its
    own 20 guesses; and behind the proxy it must count the client (the address the proxy
    appends to X-Forwarded-For), not the proxy, or one guesser would lock everybody out.
    """
    guesser = Browser(ports, 0, "203.0.113.66")
    guesses = [guesser.send("GET", f"/s/i/guess{n:03d}{'x' * 40}/").status
               for n in range(MAX_FAILURES)]
    blocked = [guesser.send("GET", open_link).status for _ in ports]
    other = Browser(ports, 0, "203.0.113.67")
    return {"guesses": sorted(set(guesses)), "guesser_after": blocked,
            "other_client": [other.send("GET", open_link).status for _ in ports]}


def tokens_from_mails(mail_dir: Path) -> list[str]:
    """The personal links in the e-mails the task worker wrote, in a stable order."""
    text = "".join(p.read_text("utf-8", "replace") for p in sorted(mail_dir.iterdir()))
    return sorted(set(TOKEN_RE.findall(text)))


# ---------------------------------------------------------------- the test


def test_two_app_servers_store_every_answer_once(tmp_path: Path) -> None:
    assert POSTGRES is not None
    began = time.monotonic()
    phases: dict[str, float] = {}

    def phase(name: str) -> None:
        phases[name] = round(time.monotonic() - began - sum(phases.values()), 1)

    mail_dir = tmp_path / "mail"
    with harness.throwaway_postgres(POSTGRES, "twoservers") as database_url:
        env = harness.cluster_env(database_url, tmp_path, conn_max_age=CONN_MAX_AGE,
                                  mail_dir=mail_dir)
        admin = harness.machine_env(env, tmp_path / "admin")
        # Migrations run once, before any server starts (dbtool seed migrates).
        seed = loadlib.Seed.from_json(loadlib.db_tool(admin, "seed", str(INVITED + OPEN), "1"))
        harness.tool(admin, "invite", str(seed.scan_id), str(INVITED))
        phase("database_s")
        ports = (loadlib.free_port(), loadlib.free_port())
        servers = [loadlib.Server.tandem(harness.machine_env(env, tmp_path / f"app{n}"), port,
                                         tmp_path / f"app{n}.log")
                   for n, port in enumerate(ports)]
        try:
            with ThreadPoolExecutor(max_workers=2) as pool:
                list(pool.map(lambda server: server.start(probe="/healthz"), servers))
            for port in ports:
                health = Browser((port, port), 0, "192.0.2.1").get("/healthz")
                assert health.body == "ok", health
            phase("servers_s")
            # The worker: a third process on the same environment sends the invitations.
            harness.manage(harness.machine_env(env, tmp_path / "worker"),
                           "db_worker", "--batch", "--no-startup-delay")
            tokens = tokens_from_mails(mail_dir)
            assert len(tokens) == INVITED, tokens
            phase("worker_s")
            outcomes, per_server, wall = run_respondents(seed, tokens, ports)
            phase("respondents_s")
            limits = guessing_is_limited_on_both_servers(ports, f"/s/o/{seed.open_token}/")
        finally:
            for server in servers:
                server.stop()
        stored = harness.tool(admin, "verify", str(seed.scan_id))
    phase("checks_s")  # the guessing check, stopping the servers, reading the database

    errors = [(o.index, o.kind, o.error) for o in outcomes if o.error]
    assert not errors, (errors, f"server logs: {tmp_path}/app0.log, app1.log")
    completed = {o.marker: o for o in outcomes if o.completed}
    markers = Counter(str(r["answers"].get(seed.marker_item, "")).split(" ")[0]
                      for r in stored["responses"])
    submit_locations = Counter(where(o, reply) for o in outcomes for reply in o.submit_replies)
    print(json.dumps({
        "respondents": len(outcomes), "invited": INVITED, "open": OPEN,
        "requests_per_server": list(per_server.values()), "respondents_wall_s": round(wall, 1),
        "test_wall_s": round(time.monotonic() - began, 1), "phases": phases,
        "stored": len(stored["responses"]), "double_submit_replies": submit_locations,
        "drafts_left": stored["drafts"],
    }))

    # Every respondent was told "thank you", by one server or both.
    assert len(completed) == INVITED + OPEN
    # Both simultaneous submits landed on the thank-you page, whichever stored it.
    assert set(submit_locations) == {"done"}, submit_locations
    assert all("done" in {where(o, r) for r in o.submit_replies} for o in outcomes)
    # Both servers took their half of the requests (each respondent alternates).
    assert len(per_server) == 2 and min(per_server.values()) > 10 * (INVITED + OPEN)
    # Stored == completed, nothing twice, nothing without its respondent's marker.
    assert len(stored["responses"]) == len(completed)
    assert set(markers) == set(completed), set(markers) ^ set(completed)
    assert max(markers.values()) == 1, [m for m, c in markers.items() if c > 1]
    # Each response complete and exactly what its respondent sent, in their language.
    for response in stored["responses"]:
        outcome = completed[str(response["answers"][seed.marker_item]).split(" ")[0]]
        assert response["answers"] == outcome.expected, outcome.marker
        assert (response["language"], response["form"], response["status"]) == (
            outcome.language, "full", "submitted")
    # Every invitation e-mailed once, used exactly once; its link is spent afterwards.
    assert stored["invitations"] == stored["invitations_sent"] == INVITED
    assert stored["invitations_finished"] == INVITED
    assert stored["tokens"] == INVITED
    reuse = [s for o in outcomes for s in o.reuse_status]
    assert len(reuse) == 2 * REUSE_CHECKS and set(reuse) <= {404, 410}, reuse
    # A submit turns the draft into the response: no draft is left behind.
    assert stored["drafts"] == 0
    # Link guessing: counted across both servers, per client behind the proxy.
    assert limits == {"guesses": [404], "guesser_after": [429, 429],
                      "other_client": [200, 200]}, limits
