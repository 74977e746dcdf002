"""Reads for the results pages: the core's diagnosis of a closed scan, cached.

Every page, the PDF, the workbook and the exports take their figures from
:func:`scan_result` (or :func:`scan_analysis`), so they always agree; nothing is
computed in a view. See :mod:`tandem.web.results.cache` for when values are reused.

Once the retention period has purged a scan's raw answers (``results.KeptResult``),
its result is the kept one, read back with ``Result.from_dict``: every page that needs
only figures looks as before. What needs the answers themselves (filters, the wave
comparison, the anonymised answers) cannot be had, and :func:`scan_responses` raises
:class:`AnswersPurgedError` rather than diagnose an empty set as "too few answers".
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import date
from typing import cast

import numpy as np
from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from tandem.analysis.compare import WaveComparison, compare_waves
from tandem.analysis.diagnose import diagnose
from tandem.analysis.emphasis import read_result
from tandem.analysis.psychometrics import psychometrics
from tandem.context import Context
from tandem.contract.psychometrics import Psychometrics
from tandem.contract.result import Result
from tandem.filters import FilterOptions, figure_masks, filter_options, responses_profile
from tandem.instrument.model import Form
from tandem.privacy import wave_k
from tandem.report.research import pseudonym, research_data, research_zip
from tandem.responses import ResponseSet
from tandem.target import Target, override
from tandem.web.organisations.models import Organisation
from tandem.web.responses.selectors import submitted_languages, submitted_records
from tandem.web.results.cache import cached, peek, scan_stamp
from tandem.web.results.models import KeptResult, TargetOverride
from tandem.web.scans.models import Scan, ScanStatus


@dataclass(frozen=True, slots=True)
class Analysis:
    """The unfiltered result and the filters it allows (computed from the same answers)."""

    result: Result
    filters: FilterOptions


@dataclass(frozen=True, slots=True)
class Purged:
    """A scan whose raw answers the retention period deleted: when, and how many there were."""

    on: date
    responses: int


@dataclass(frozen=True, slots=True)
class Comparison:
    """This wave against ``previous``; ``comparison`` is None when one wave's raw answers
    were purged (``purged_wave``), because the comparison tests the individual answers."""

    previous: Scan
    comparison: WaveComparison | None
    purged_wave: Scan | None = None
    purged: Purged | None = None


class AnswersPurgedError(ValueError):
    """The scan's raw answers were deleted under the retention period; only figures remain."""


def _kept(scan: Scan) -> QuerySet[KeptResult]:
    """The scan's kept result, if its raw answers were purged (a purged scan cannot be
    reopened, so no answer comes in after it)."""
    return KeptResult.objects.filter(scan=scan)


def scan_purged(*, scan: Scan) -> Purged | None:
    """When the scan's raw answers were purged, or None while they are there."""
    row = _kept(scan).values_list("purged_at", "responses").first()
    return None if row is None else Purged(timezone.localdate(row[0]), row[1])


def _kept_result(scan: Scan) -> Result | None:
    """The kept diagnosis, without open answers even if an older purge stored them."""
    data = _kept(scan).values_list("result", flat=True).first()
    return None if data is None else read_result(data).aggregates_only()


def scan_responses(*, scan: Scan) -> ResponseSet:
    """The scan's submitted answers as the core's validated ResponseSet.

    Raises the core's ``ResponseDataError`` if stored data no longer validates, and
    :class:`AnswersPurgedError` once the retention period deleted them.
    """
    if _kept(scan).exists():
        raise AnswersPurgedError(f"the raw answers of scan {scan.pk} were purged")
    return ResponseSet.from_records(
        scan.instrument, cast(Form, scan.form), submitted_records(scan=scan),
        settings=scan.settings,
    )


def scan_psychometrics(*, scan: Scan, stamp: str | None = None) -> Psychometrics:
    """The psychometrics of a closed scan (each response in the language it was given
    in), computed once per stamp. Raises :class:`AnswersPurgedError` once the raw answers
    were purged: these figures need the individual answers."""
    stamp = stamp or scan_stamp(scan)

    def compute() -> Psychometrics:
        responses = scan_responses(scan=scan)
        return psychometrics(responses, submitted_languages(scan=scan), k=scan.k)

    return cached(scan, stamp, "psychometrics", compute)


def _diagnose(scan: Scan, responses: ResponseSet) -> Result:
    context = Context.from_mapping(scan.organisation.context_dict())
    return diagnose(responses, context=context, min_group=scan.k)


def _analyse(scan: Scan) -> Analysis:
    kept = _kept_result(scan)
    if kept is not None:  # purged: the kept figures, and no filter (filters need answers)
        return Analysis(kept, FilterOptions(scan.k, ()))
    responses = scan_responses(scan=scan)
    result = _diagnose(scan, responses)
    if result.meta.n is None:
        return Analysis(result, FilterOptions(scan.k, ()))
    options = filter_options(responses_profile(responses), scan.k,
                             figure_masks=figure_masks(responses))
    return Analysis(result, options)


def scan_analysis(*, scan: Scan, stamp: str | None = None) -> Analysis:
    """The diagnosis and filter offer of a closed scan, computed once and cached.

    A purge changes the stamp (no answers left) and forgets the cache, so a cached
    value never hides that the figures now come from the kept result.
    """
    stamp = stamp or scan_stamp(scan)
    return cached(scan, stamp, "analysis", lambda: _analyse(scan))


def scan_result(*, scan: Scan) -> Result:
    """The one Result of a closed scan that every page, PDF and export renders."""
    return scan_analysis(scan=scan).result


def target_overrides(*, scan: Scan) -> QuerySet[TargetOverride]:
    """Every override of the scan's target, newest first: the history."""
    return TargetOverride.objects.filter(scan=scan).order_by("-at", "-pk")


def effective_target(scan: Scan, *, result: Result | None = None) -> Target | None:
    """The target to show for a closed scan: the newest owner override, else the computed.

    Built with the core's ``tandem.target.override``, so the override's reason, who set
    it and the computed target it replaces travel with it (``Target.override``) into
    every page and report. None when the result has no target (e.g. too few answers).
    An override that no longer fits (below a current phase that changed after the
    scan was reopened) is skipped rather than shown wrongly.
    """
    computed = (result or scan_result(scan=scan)).target
    if computed is None:
        return None
    for row in target_overrides(scan=scan)[:5]:
        try:
            return override(computed, row.phase, row.reason, row.by_email)
        except ValueError:
            continue
    return computed


def with_owner_target(*, scan: Scan, result: Result) -> Result:
    """The result with the owner's target override applied (kept with its written reason,
    which joins the target's reasons), so pages, PDF and exports all show the same target."""
    if result.target is None:
        return result
    target = effective_target(scan, result=result)
    return result if target is result.target else replace(result, target=target)


def shown_result(*, scan: Scan, stamp: str | None = None) -> Result:
    """What every face of a closed scan renders: the cached result with the owner's target."""
    return with_owner_target(scan=scan, result=scan_analysis(scan=scan, stamp=stamp).result)


def stored_result(*, scan: Scan) -> Result | None:
    """What :func:`shown_result` gives if the scan's diagnosis was computed already, else
    None (nothing is computed): the same figures, for a page that lists many scans and
    must not make its reader wait for each diagnosis (the consultant's portfolio)."""
    analysis = peek(scan, scan_stamp(scan), "analysis")
    if not isinstance(analysis, Analysis):
        return None
    return with_owner_target(scan=scan, result=analysis.result)


def filtered_result(*, scan: Scan, dimension: str, value: str,
                    stamp: str | None = None) -> Result | None:
    """The diagnosis of the respondents with ``dimension == value``, or None when that
    filter is not offered (it would show a small set or make one derivable)."""
    stamp = stamp or scan_stamp(scan)
    analysis = scan_analysis(scan=scan, stamp=stamp)
    if not analysis.filters.allows(dimension, value):
        return None

    def compute() -> Result:
        responses = scan_responses(scan=scan)
        column = responses.choices[dimension]
        if dimension == "department":
            mask = [("other" if v is None else v) == value for v in column]
        else:
            mask = [v == value for v in column]
        return _diagnose(scan, responses.subset(np.array(mask, dtype=bool)))

    return cached(scan, stamp, f"filter:{dimension}={value}", compute)


def previous_closed_scan(*, scan: Scan) -> Scan | None:
    """The latest closed scan of the same organisation and instrument created before this one."""
    return (
        Scan.objects.filter(organisation=scan.organisation, status=ScanStatus.CLOSED,
                            instrument_id=scan.instrument_id, created_at__lt=scan.created_at,
                            pulse_of__isnull=True)
        .exclude(pk=scan.pk)
        .order_by("-created_at", "-pk")
        .first()
    )


def scan_comparison(*, scan: Scan, stamp: str | None = None) -> Comparison | None:
    """This wave against the previous closed one (None when there is none).

    The comparison tests each change on both waves' individual answers (Mann-Whitney,
    Benjamini-Hochberg over every scale and group), which the kept figures cannot
    replace; so when either wave was purged, the Comparison says which one and when.
    """
    previous = previous_closed_scan(scan=scan)
    if previous is None:
        return None
    for wave in (scan, previous):
        purged = scan_purged(scan=wave)
        if purged is not None:
            return Comparison(previous, None, purged_wave=wave, purged=purged)
    stamp = stamp or scan_stamp(scan)
    name = f"compare:{previous.pk}:{scan_stamp(previous)}"
    comparison = cached(
        scan, stamp, name,
        lambda: compare_waves(scan_responses(scan=previous), scan_responses(scan=scan),
                              min_group=wave_k(scan.k, previous.k),
                              own_k=(previous.k, scan.k)),
    )
    return Comparison(previous, comparison)


# ---------------------------------------------------------------- research export


def scan_wave(*, scan: Scan) -> int:
    """The scan's wave: its place among its organisation's closed scans of the same
    instrument, oldest first (the scans the Compare tab compares)."""
    earlier = Scan.objects.filter(
        Q(created_at__lt=scan.created_at) | Q(created_at=scan.created_at, pk__lt=scan.pk),
        organisation_id=scan.organisation_id, status=ScanStatus.CLOSED,
        instrument_id=scan.instrument_id, pulse_of__isnull=True,
    ).exclude(pk=scan.pk)
    return earlier.count() + 1


def organisation_code(organisation: Organisation) -> str:
    """The organisation's pseudonymous code in research exports: its id hashed with a key
    from the server's secret, so the code names no organisation and nobody without the
    secret can recompute it (it changes if the secret does)."""
    key = hashlib.sha256(f"tandem.research.organisation:{settings.SECRET_KEY}".encode())
    return pseudonym(str(organisation.pk).encode(), key.digest())


def research_export(*, scan: Scan, fmt: str, lang: str) -> bytes | None:
    """The research export of a closed scan (a zip of the data file in ``fmt`` and its
    codebook), or None when the result shows nothing. Raises AnswersPurgedError once
    the raw answers were purged."""
    data = research_data(scan_responses(scan=scan), shown_result(scan=scan), lang=lang,
                         organisation=organisation_code(scan.organisation),
                         wave=scan_wave(scan=scan))
    return None if data is None else research_zip(data, fmt)
