"""The research pool's members and rows, read from the consenting organisations.

Members are the closed scans of the default instrument of the organisations that
consent now (:func:`pool_scans`), each with its organisation's random code, its wave
(its place among the organisation's closed scans, as the one-scan export numbers it),
sector, size band and the month it closed. A scan whose answers were purged keeps its
wave number but has no rows. Each member's rows are those of its one-scan research
export, decided by :func:`tandem.analysis.publication.publication`, the first step of
the diagnosis, so no figure is computed for the pool.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import pandas as pd
from django.db.models import Max, QuerySet
from django.http import Http404

from tandem.analysis.publication import publication
from tandem.context import ContextError
from tandem.instrument import DEFAULT_INSTRUMENT, load_instrument
from tandem.privacy import DEFAULT_K
from tandem.report.research.data import ResearchData
from tandem.report.research.pool import Member, member_frame, pool_layout
from tandem.responses import ResponseDataError
from tandem.web.accounts.models import User
from tandem.web.research.models import Pool, PoolPart, ResearchCode
from tandem.web.research.selectors.consent import consenting_organisations
from tandem.web.results.models import KeptResult
from tandem.web.results.selectors import scan_responses
from tandem.web.scans.models import Scan, ScanEvent, ScanEventKind, ScanStatus

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PoolScan:
    """A scan in the pool and what the pool says of its organisation."""

    scan: Scan
    code: str
    wave: int
    sector: str | None
    size_band: str | None
    month: str  # YYYY-MM


def pool_scans() -> list[PoolScan]:
    """The pool's scans now, by organisation code and wave (codes are random, so the
    order says nothing about the organisations)."""
    instrument_id = load_instrument(DEFAULT_INSTRUMENT).id
    organisations = consenting_organisations()
    closed = list(Scan.objects.filter(
        organisation__in=organisations, status=ScanStatus.CLOSED, instrument_id=instrument_id,
        pulse_of__isnull=True,
    ).select_related("organisation").order_by("organisation_id", "created_at", "pk"))
    ids = [s.pk for s in closed]
    purged = set(KeptResult.objects.filter(scan_id__in=ids).values_list("scan_id", flat=True))
    closed_at = dict(ScanEvent.objects.filter(scan_id__in=ids, kind=ScanEventKind.CLOSED)
                     .values("scan_id").annotate(last=Max("at")).values_list("scan_id", "last"))
    codes = dict(ResearchCode.objects.filter(organisation__in=organisations)
                 .values_list("organisation_id", "code"))
    members: list[PoolScan] = []
    wave: dict[int, int] = {}
    for scan in closed:
        org = scan.organisation
        wave[org.pk] = wave.get(org.pk, 0) + 1
        if scan.pk in purged or org.pk not in codes:
            continue
        month = closed_at.get(scan.pk) or scan.created_at
        members.append(PoolScan(scan, codes[org.pk], wave[org.pk], org.sector or None,
                                org.employees or None, f"{month:%Y-%m}"))
    return sorted(members, key=lambda m: (m.code, m.wave))


def pool_layout_of(scans: Sequence[PoolScan], lang: str) -> ResearchData:
    """The pool's variables for these scans' instrument versions and forms."""
    versions = {m.scan.instrument_name for m in scans} or {DEFAULT_INSTRUMENT}
    instruments = sorted((load_instrument(v) for v in versions), key=lambda i: i.version)
    k = min((m.scan.k for m in scans), default=DEFAULT_K)
    forms = sorted({m.scan.form for m in scans}) or ["full"]
    return pool_layout(instruments, lang, k=k, forms=forms)


def pool_frames(scans: Sequence[PoolScan], layout: ResearchData) -> Iterator[pd.DataFrame]:
    """Each scan's rows in the pool's columns, one scan at a time (a scan below k gives
    none; one whose stored answers no longer validate is left out and logged)."""
    for member in scans:
        scan = member.scan
        try:
            responses = scan_responses(scan=scan)
        except (ResponseDataError, ContextError):
            logger.exception("scan %s left out of the research pool", scan.pk)
            continue
        shown = publication(responses, k=scan.k)
        frame = member_frame(Member(responses, shown.result(), member.code, member.wave,
                                    member.sector, member.size_band, member.month), layout)
        if frame is not None:
            yield frame


def pools_of(*, user: User) -> QuerySet[Pool]:
    """The pools this researcher asked for, newest first."""
    return Pool.objects.filter(requested_by=user).order_by("-created_at", "-pk")


def pool_get(*, user: User, pool_id: int) -> Pool:
    """One of this researcher's pools, or 404 (also for another researcher's)."""
    pool = pools_of(user=user).filter(pk=pool_id).first()
    if pool is None:
        raise Http404("no such pool")
    return pool


def pool_content(*, pool: Pool) -> Iterator[bytes]:
    """The stored ZIP of a pool made in the background, part by part."""
    numbers = list(PoolPart.objects.filter(pool=pool).order_by("number")
                   .values_list("pk", flat=True))
    for pk in numbers:  # one part (at most 1 MiB) in memory at a time
        yield bytes(PoolPart.objects.values_list("data", flat=True).get(pk=pk))
