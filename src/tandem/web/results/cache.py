"""The cache of computed diagnoses: computed once per closed scan, shared by all workers.

A diagnosis of 5,000 respondents takes seconds (bootstrap of the phase, every gap), a
page must answer in milliseconds, and nothing changes while a scan stays closed. So the
:class:`~tandem.contract.result.Result` (and everything derived from the same answers: the
filter offer, filtered results, the comparison with the previous wave) is kept in
Django's cache, which the settings make a database cache so every gunicorn worker
shares it.

Keys carry a *stamp* of everything the result depends on: the scan's threshold, form,
settings and instrument version, the organisation's context, the number of submitted
responses and the latest status event. Reopening a scan adds an event, so a later
close can never serve the old figures; changing the context changes the stamp at once.
On reopen the entries are also deleted (:func:`forget_scan`), so no stale diagnosis
outlives the scan's closed state. Values are pickled by the cache; only the server
writes them.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache

from tandem.web.responses.models import Response, ResponseStatus
from tandem.web.scans.models import Scan, ScanEvent

T = TypeVar("T")
PREFIX = "tandem:results"
#: Bump when the shape of cached values changes (a deploy then recomputes).
CACHE_VERSION = 1


def scan_stamp(scan: Scan) -> str:
    """A short hash of everything the scan's diagnosis depends on (two small queries)."""
    responses = Response.objects.filter(scan=scan, status=ResponseStatus.SUBMITTED).count()
    last_event = (
        ScanEvent.objects.filter(scan=scan).order_by("-pk").values_list("pk", flat=True).first()
    )
    parts = {
        "v": CACHE_VERSION,
        "instrument": [scan.instrument_name, scan.instrument_version, scan.form],
        "k": scan.k,
        "settings": sorted(scan.settings),
        "context": scan.organisation.context_dict(),
        "responses": responses,
        "event": last_event,
    }
    text = json.dumps(parts, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:20]


def _registry(scan_id: int) -> str:
    return f"{PREFIX}:{scan_id}:keys"


def cached[T](scan: Scan, stamp: str, name: str, compute: Callable[[], T]) -> T:
    """The value under (scan, stamp, name), computed and stored on the first call."""
    key = f"{PREFIX}:{scan.pk}:{stamp}:{name}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout=None)
        keys = cache.get(_registry(scan.pk)) or []
        if key not in keys:
            cache.set(_registry(scan.pk), [*keys, key], timeout=None)
    return value  # type: ignore[no-any-return]


def forget_scan(scan_id: int) -> None:
    """Drop every cached value of a scan (called when it is reopened)."""
    keys = cache.get(_registry(scan_id)) or []
    cache.delete_many([*keys, _registry(scan_id)])
