"""Benchmark: the results overview and the PDF of a closed scan of 5,000 respondents.

Sets up a fresh SQLite database (WAL, as in production) in a temporary directory, or
the database of ``DATABASE_URL``, stores 5,000 synthetic responses as the survey would,
closes the scan, then times through Django's test client (the whole middleware stack,
session login, template rendering):

  * the first request of the overview (computes the diagnosis and fills the cache),
  * ``--requests`` further overview requests (served from the cache): p50 / p95 / max,
  * the other tabs once each (cached),
  * the PDF download (``--pdf`` times).

Run:  .venv/bin/python benchmarks/bench_results_page.py [--respondents 5000]
Goals (issue 4): overview < 300 ms after the first computation, PDF < 5 s.
docs/benchmarks-web.md keeps the figures.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import date


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--respondents", type=int, default=5000)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--pdf", type=int, default=3)
    args = parser.parse_args()

    var = tempfile.mkdtemp(prefix="tandem-bench-")
    os.environ.setdefault("TANDEM_VAR_DIR", var)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tandem.web.settings")
    os.environ["ALLOWED_HOSTS"] = "testserver,localhost"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from tandem.io.demo import generate_responses
    from tandem.web.accounts.models import User
    from tandem.web.organisations.services import organisation_create
    from tandem.web.results.testing import closed_scan_with

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    owner = User.objects.create_user(f"bench-{time.time_ns()}@example.org",
                                     password="benchmark password 1")
    organisation = organisation_create(
        name="Bench BV", owner=owner, employees="250-999", sales_team=40, marketing_team=15,
        service_team=30, market="b2b", markets=3, growth="moderate", marketing_role="leads",
        key_accounts=True, commercial_lead=False, sla=False,
    )
    t0 = time.perf_counter()
    frame = generate_responses(args.respondents, 2026, "default",
                               settings=frozenset({"should_decide"}))
    scan = closed_scan_with(organisation=organisation, actor=owner, frame=frame,
                            title="Benchmark scan")
    seed_s = time.perf_counter() - t0

    client = Client()
    client.force_login(owner)
    kwargs = {"org_id": organisation.pk, "scan_id": scan.pk}
    overview = reverse("results:scan", kwargs=kwargs)

    def timed(url: str) -> float:
        start = time.perf_counter()
        response = client.get(url)
        elapsed = time.perf_counter() - start
        assert response.status_code == 200, (url, response.status_code)
        return elapsed

    first = timed(overview)
    samples = sorted(timed(overview) for _ in range(args.requests))
    tabs = {name: timed(reverse(f"results:{name}", kwargs=kwargs))
            for name in ("tensions", "gaps", "decisions", "journey", "comments", "method",
                         "compare", "downloads")}
    pdf_url = reverse("results:pdf", kwargs={**kwargs, "lang": "nl"})
    pdfs = sorted(timed(pdf_url) for _ in range(args.pdf))

    def ms(seconds: float) -> str:
        return f"{seconds * 1000:.0f} ms"

    p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
    print(f"# Results pages benchmark ({date.today().isoformat()})\n")
    print(f"- machine: {platform.machine()}, {os.cpu_count()} CPU, {_cpu()}; "
          f"Python {sys.version.split()[0]}; database {connection.vendor}")
    print(f"- {args.respondents} respondents stored in {seed_s:.1f} s\n")
    print("| measure | time |")
    print("|---|---|")
    print(f"| overview, first request (diagnosis + filter offer computed, cached) | "
          f"{ms(first)} |")
    print(f"| overview, cached, p50 of {len(samples)} | {ms(statistics.median(samples))} |")
    print(f"| overview, cached, p95 of {len(samples)} | {ms(p95)} |")
    print(f"| overview, cached, max | {ms(samples[-1])} |")
    for name, seconds in tabs.items():
        print(f"| {name} tab (cached result) | {ms(seconds)} |")
    print(f"| PDF (nl), median of {len(pdfs)} | {ms(statistics.median(pdfs))} |")
    print(f"| PDF (nl), max | {ms(pdfs[-1])} |")
    ok = p95 < 0.3 and pdfs[-1] < 5.0
    print(f"\nGoals (overview p95 < 300 ms, PDF < 5 s): {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


def _cpu() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


if __name__ == "__main__":
    raise SystemExit(main())
