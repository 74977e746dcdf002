"""Rate limit on typing access codes, so nobody can try codes by the thousand.

Failures are counted per client address in the shared cache (the same database cache
the login limit uses, so it holds across server workers).
"""

from __future__ import annotations

from django.core.cache import cache
from django.http import HttpRequest

MAX_FAILURES = 20
WINDOW_SECONDS = 15 * 60


def _key(request: HttpRequest) -> str:
    return f"survey-code-fail:{request.META.get('REMOTE_ADDR', '')}"


def is_blocked(request: HttpRequest) -> bool:
    return int(cache.get(_key(request), 0)) >= MAX_FAILURES


def record_failure(request: HttpRequest) -> None:
    key = _key(request)
    if cache.add(key, 1, timeout=WINDOW_SECONDS):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=WINDOW_SECONDS)
