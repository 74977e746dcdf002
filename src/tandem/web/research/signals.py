"""Receivers of research for the apps below it: the results pages ask for a scan's
benchmark (``results.signals.benchmark_wanted``)."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from tandem.analysis.benchmark import Benchmark
from tandem.contract.result import Result
from tandem.web.research.selectors.benchmark import scan_benchmark
from tandem.web.research.selectors.consent import consenting_organisations
from tandem.web.results.signals import benchmark_possible, benchmark_wanted
from tandem.web.scans.models import Scan


@receiver(benchmark_wanted)
def _benchmark(sender: object, *, scan: Scan, result: Result, **kwargs: Any) -> Benchmark:
    return scan_benchmark(scan=scan, result=result)


@receiver(benchmark_possible)
def _benchmark_possible(sender: object, *, scan: Scan, **kwargs: Any) -> bool:
    return consenting_organisations().exclude(pk=scan.organisation_id).exists()
