"""Rate limit on typing access codes and opening survey links, so nobody can try codes
or tokens by the thousand.

Failures are counted per client address (:func:`tandem.web.ratelimit.client_address`)
in the shared cache, so the limit holds across server processes.
"""

from __future__ import annotations

from django.http import HttpRequest

from tandem.web.ratelimit import client_address, count_failure, reached

MAX_FAILURES = 20
WINDOW_SECONDS = 15 * 60


def _key(request: HttpRequest) -> str:
    return f"survey-code-fail:{client_address(request)}"


def is_blocked(request: HttpRequest) -> bool:
    return reached(_key(request), MAX_FAILURES)


def record_failure(request: HttpRequest) -> None:
    count_failure(_key(request), WINDOW_SECONDS)
