"""The peers a scan is compared with: the latest closed scan of every other organisation
that consents to research, as its own result shows it (the cached diagnosis, or the
kept result after a purge), with its sector, size band and market.

The peers' figures are kept in the cache under a stamp of what they depend on (which
scans, their submitted answers and status events, each organisation's context and
threshold), so a benchmark page costs three small queries once the peers are known.
"""

from __future__ import annotations

import hashlib
import json
import logging

from django.core.cache import cache
from django.db.models import Count, Max, Q

from tandem.analysis.benchmark import Benchmark, Peer, Profile, benchmark, peer_of
from tandem.context import ContextError
from tandem.contract.result import Result, ResultFormatError
from tandem.responses import ResponseDataError
from tandem.web.organisations.models import Organisation
from tandem.web.research.selectors.consent import consenting_organisations
from tandem.web.responses.models import ResponseStatus
from tandem.web.results.selectors import scan_result
from tandem.web.scans.models import Scan, ScanStatus

logger = logging.getLogger(__name__)
PREFIX = "tandem:research:peers"


def profile_of(organisation: Organisation) -> Profile:
    return Profile(organisation.sector or None, organisation.employees or None,
                   organisation.market or None)


def latest_scans(*, instrument_id: str) -> list[Scan]:
    """The latest closed scan of each consenting organisation (that instrument)."""
    scans = (Scan.objects.filter(organisation__in=consenting_organisations(),
                                 status=ScanStatus.CLOSED, instrument_id=instrument_id,
                                 pulse_of__isnull=True)
             .select_related("organisation").order_by("organisation_id", "-created_at", "-pk"))
    latest: dict[int, Scan] = {}
    for scan in scans:
        latest.setdefault(scan.organisation_id, scan)
    return list(latest.values())


def peers(*, instrument_id: str) -> dict[int, Peer]:
    """Each consenting organisation's latest closed scan as a peer, by organisation id
    (a scan below k, or one whose result cannot be read, is no peer)."""
    scans = latest_scans(instrument_id=instrument_id)
    key = f"{PREFIX}:{_stamp(scans)}"
    known = cache.get(key)
    if isinstance(known, dict):
        return known
    found: dict[int, Peer] = {}
    for scan in scans:
        try:
            peer = peer_of(scan_result(scan=scan), profile_of(scan.organisation))
        except (ResponseDataError, ContextError, ResultFormatError):
            logger.exception("scan %s left out of the benchmarks", scan.pk)
            continue
        if peer is not None:
            found[scan.organisation_id] = peer
    cache.set(key, found, timeout=24 * 3600)
    return found


def scan_benchmark(*, scan: Scan, result: Result) -> Benchmark:
    """The scan among the other consenting organisations' latest closed scans."""
    others = [p for org, p in peers(instrument_id=scan.instrument_id).items()
              if org != scan.organisation_id]
    return benchmark(result, profile_of(scan.organisation), others)


def _stamp(scans: list[Scan]) -> str:
    """A hash of everything the peers' figures depend on (two aggregate queries)."""
    ids = [s.pk for s in scans]
    counts = dict(Scan.objects.filter(pk__in=ids).annotate(
        submitted=Count("responses", filter=Q(responses__status=ResponseStatus.SUBMITTED)),
    ).values_list("pk", "submitted"))
    events = dict(Scan.objects.filter(pk__in=ids).annotate(last=Max("events__pk"))
                  .values_list("pk", "last"))
    parts = [[s.pk, s.k, s.form, s.instrument_version, sorted(s.settings), counts.get(s.pk),
              events.get(s.pk), s.organisation.context_dict()] for s in scans]
    text = json.dumps(parts, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:24]
