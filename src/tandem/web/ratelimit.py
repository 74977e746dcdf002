"""Failure counters shared by every rate limit, and the client address they count by.

Counters live in the shared cache (the database cache in production), so they hold
across server processes and machines. Behind a reverse proxy every request comes from
the proxy's address; ``TANDEM_TRUSTED_PROXIES`` says how many proxies in front of the
app append to ``X-Forwarded-For``, and the address that the outermost trusted proxy
saw is the client. Entries further left are written by the client and never trusted.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The client's address: ``REMOTE_ADDR``, or the proxies' view of it when trusted."""
    proxies: int = settings.TANDEM_TRUSTED_PROXIES
    remote = str(request.META.get("REMOTE_ADDR", ""))
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in
                 str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",") if part.strip()]
    if len(forwarded) < proxies:
        return remote  # not through the proxy chain (e.g. a health check on loopback)
    return forwarded[-proxies]


def count_failure(key: str, window_seconds: int) -> None:
    """Add one to ``key``; the count expires ``window_seconds`` after the first failure."""
    if cache.add(key, 1, timeout=window_seconds):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window_seconds)


def reached(key: str, limit: int) -> bool:
    return int(cache.get(key, 0)) >= limit
