"""Login rate limiting that reveals nothing about which accounts exist.

Failures are counted per e-mail address (hashed, whether or not an account exists)
and per client address, in the shared cache. Above the limit every attempt is refused
with the same message, even with the right password, until the window has passed.

The same counters, under ``scope="reset"``, limit password-reset requests (each request
counts, since a reset cannot fail visibly without telling whether the account exists).
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from tandem.web.accounts.models import normalise_email
from tandem.web.ratelimit import client_address, count_failure, reached

IP_FACTOR = 4  # one address may try a few accounts (an office behind one NAT)


def _keys(request: HttpRequest | None, email: str,
          scope: str = "login") -> list[tuple[str, int]]:
    limit = settings.TANDEM_LOGIN_MAX_FAILURES
    digest = hashlib.sha256(normalise_email(email).encode()).hexdigest()
    keys = [(f"{scope}-fail:email:{digest}", limit)]
    if request is not None:
        keys.append((f"{scope}-fail:ip:{client_address(request)}", limit * IP_FACTOR))
    return keys


def is_blocked(request: HttpRequest | None, email: str, scope: str = "login") -> bool:
    return any(reached(key, limit) for key, limit in _keys(request, email, scope))


def record_failure(request: HttpRequest | None, email: str, scope: str = "login") -> None:
    window = settings.TANDEM_LOGIN_WINDOW_SECONDS
    for key, _limit in _keys(request, email, scope):
        count_failure(key, window)


def record_success(request: HttpRequest | None, email: str) -> None:
    cache.delete(_keys(request, email)[0][0])
