"""The respondent flow in one process: CPU time and queries per kind of request.

    PYTHONPATH=src .venv/bin/python benchmarks/load/profile_flow.py            # 30 people
    PYTHONPATH=src .venv/bin/python benchmarks/load/profile_flow.py -n 60 --profile section_get

The same walk as the load generator (access code, intro, consent, every page GET and
POST with "next", review, submit, thank-you) through Django's test client on a fresh
temporary SQLite database with the production settings the load run uses (DEBUG off,
behind the TLS proxy), but no server and no network: what is left is the app's own cost
per request. CPU time is noisy on a shared machine; the Python function calls per request
(``--calls``, counted by cProfile) are not, so they show what a change saves.
``--profile KIND`` prints the cProfile of one kind of request (e.g. ``section_get``,
``section_post``). See docs/load.md.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import re
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
TICKET_RE = re.compile(r'name="ticket" value="([^"]+)"')


def _environment(workdir: Path) -> None:
    os.environ.update({
        "DJANGO_SETTINGS_MODULE": "tandem.web.settings",
        "TANDEM_ENV": "production", "DEBUG": "0", "SECRET_KEY": "profile-" + "x" * 50,
        "DATABASE_URL": f"sqlite:///{workdir / 'profile.sqlite3'}",
        "TANDEM_VAR_DIR": str(workdir / "var"), "STATIC_ROOT": str(workdir / "static"),
        "TANDEM_BEHIND_PROXY": "1", "ALLOWED_HOSTS": "testserver",
        "CSRF_TRUSTED_ORIGINS": "https://testserver", "LOG_LEVEL": "WARNING",
    })


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=30, help="respondents")
    parser.add_argument("--profile", help="cProfile this kind of request")
    parser.add_argument("--calls", action="store_true",
                        help="count Python function calls per request (slower)")
    args = parser.parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="tandem-profile-"))
    _environment(workdir)
    sys.path.insert(0, str(HERE))
    import django

    django.setup()
    import dbtool
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    call_command("collectstatic", interactive=False, verbosity=0)  # the manifest storage
    seed: dict[str, Any] = dbtool.seed(args.n + 1, 1)
    cpu: dict[str, list[float]] = defaultdict(list)
    queries: dict[str, list[int]] = defaultdict(list)
    profiler = cProfile.Profile()
    calls: dict[str, cProfile.Profile] = defaultdict(cProfile.Profile)
    headers = {"HTTP_X_FORWARDED_PROTO": "https", "HTTP_REFERER": "https://testserver/s/"}

    def call(client: Client, kind: str, method: str, path: str,
             data: dict[str, str] | None = None) -> Any:
        counting = calls[kind] if args.calls else None
        if kind == args.profile:
            profiler.enable()
        if counting is not None:
            counting.enable()
        started = time.process_time()
        with CaptureQueriesContext(connection) as captured:
            response = getattr(client, method)(path, data or {}, **headers)
        cpu[kind].append(time.process_time() - started)
        if counting is not None:
            counting.disable()
        if kind == args.profile:
            profiler.disable()
        queries[kind].append(sum(1 for q in captured.captured_queries
                                 if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))))
        assert response.status_code in (200, 302), (kind, path, response.status_code)
        return response

    def token(response: Any, pattern: re.Pattern[str] = CSRF_RE) -> str:
        match = pattern.search(response.content.decode())
        assert match is not None
        return match.group(1)

    client = Client(enforce_csrf_checks=True)
    for index in range(args.n + 1):
        if index == 1:  # the first respondent warms up (templates, URL resolver): not counted
            cpu.clear()
            queries.clear()
            calls.clear()
            profiler = cProfile.Profile()
        client.cookies.clear()  # a new person (one client: its handler is built once)
        lang = "nl" if index % 3 else "en"
        answers = seed["answers"][index]
        page = call(client, "code_get", "get", "/s/")
        opened = call(client, "code_post", "post", "/s/", {
            "csrfmiddlewaretoken": token(page), "code": seed["access_code"], "lang": lang})
        intro = call(client, "intro_get", "get", opened["Location"])
        first = call(client, "consent_post", "post", opened["Location"], {
            "csrfmiddlewaretoken": token(intro), "consent": "yes", "lang": lang})
        resume = first["Location"].split("/")[3]
        for page_id, items in seed["pages"]:
            url = f"/s/r/{resume}/q/{page_id}/"
            shown = call(client, "section_get", "get", url)
            call(client, "section_post", "post", url, {
                **{i: answers.get(i, "") for i in items},
                "csrfmiddlewaretoken": token(shown), "nav": "next"})
        review = call(client, "review_get", "get", f"/s/r/{resume}/review/")
        done = call(client, "submit_post", "post", f"/s/r/{resume}/review/", {
            "csrfmiddlewaretoken": token(review), "submit": "1",
            "ticket": token(review, TICKET_RE), "lang_now": lang})
        call(client, "done_get", "get", done["Location"])

    print(f"{args.n} respondents, {len(seed['pages'])} pages; CPU ms and queries per request")
    print(f"{'request':<14}{'count':>7}{'mean ms':>9}{'queries':>9}{'calls':>9}")
    total, all_calls = [], 0
    for kind, times in cpu.items():
        total += times
        per = ""
        if args.calls:
            counted = pstats.Stats(calls[kind]).total_calls  # type: ignore[attr-defined]
            all_calls += counted
            per = f"{counted / len(times):>9.0f}"
        print(f"{kind:<14}{len(times):>7}{1000 * sum(times) / len(times):>9.2f}"
              f"{max(queries[kind]):>9}{per}")
    per = f"{all_calls / len(total):>18.0f}" if args.calls else ""
    print(f"{'ALL':<14}{len(total):>7}{1000 * sum(total) / len(total):>9.2f}{per}")
    if args.profile:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
    return 0


if __name__ == "__main__":
    sys.exit(main())
