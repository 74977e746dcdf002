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
outlives the scan's closed state.

A value that is one of Tandem's dataclasses (the Result, the analysis holding it, a
wave comparison) is stored as the result contract's JSON
(:func:`tandem.contract.codec.encode_lossless`: exact floats, NaN kept) with the
fingerprint of the classes' shape, not as a pickle of the classes: it reads back
through the same decoder as every saved result, and an entry written by a Tandem whose
classes had other fields is computed again rather than read with defaults. Other values
are pickled by the cache; only the server writes either.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib
import json
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache import cache

from tandem.contract import codec
from tandem.web.responses.models import Response, ResponseStatus
from tandem.web.scans.models import Scan, ScanEvent

T = TypeVar("T")
PREFIX = "tandem:results"
#: Bump when the shape of cached values changes (a deploy then recomputes).
CACHE_VERSION = 2


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


def _key(scan: Scan, stamp: str, name: str) -> str:
    return f"{PREFIX}:{scan.pk}:{stamp}:{name}"


def peek(scan: Scan, stamp: str, name: str) -> Any:
    """The value under (scan, stamp, name) if it was computed, else None; never computes
    (for a page that lists many scans and must not make its reader wait for each)."""
    stored = cache.get(_key(scan, stamp, name))
    if stored is None:
        return None
    value = _unpack(stored)
    return None if value is _STALE else value


def cached[T](scan: Scan, stamp: str, name: str, compute: Callable[[], T]) -> T:
    """The value under (scan, stamp, name), computed and stored on the first call."""
    value = peek(scan, stamp, name)
    if value is not None:
        return value  # type: ignore[no-any-return]
    key = _key(scan, stamp, name)
    value = compute()
    cache.set(key, _pack(value), timeout=None)
    keys = cache.get(_registry(scan.pk)) or []
    if key not in keys:
        cache.set(_registry(scan.pk), [*keys, key], timeout=None)
    return value


_STALE = object()


@dataclasses.dataclass(frozen=True, slots=True)
class _Encoded:
    """A Tandem dataclass in the contract's JSON, with the shape it was written in."""

    module: str
    name: str
    shape: str
    data: bytes


def _pack(value: Any) -> Any:
    kind = type(value)
    if dataclasses.is_dataclass(value) and kind.__module__.startswith("tandem."):
        return _Encoded(kind.__module__, kind.__qualname__, codec.fingerprint(kind),
                        codec.encode_lossless(value))
    return value


def _unpack(stored: Any) -> Any:
    """The cached value, or ``_STALE`` when its classes changed since it was written."""
    if not isinstance(stored, _Encoded):
        return stored
    if not stored.module.startswith("tandem."):
        return _STALE
    kind = getattr(importlib.import_module(stored.module), stored.name, None)
    if kind is None or codec.fingerprint(kind) != stored.shape:
        return _STALE
    try:
        return codec.decode_json(kind, stored.data, stored.name)
    except codec.ResultFormatError:
        return _STALE


def forget_scan(scan_id: int) -> None:
    """Drop every cached value of a scan (called when it is reopened)."""
    keys = cache.get(_registry(scan_id)) or []
    cache.delete_many([*keys, _registry(scan_id)])
