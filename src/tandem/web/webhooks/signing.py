"""How a webhook message is signed, so its receiver knows it came from Tandem, unaltered.

The scheme is Stripe's and Slack's: ``X-Tandem-Signature: t=<unix time>,v1=<hex>`` where
hex is HMAC-SHA256 over ``"<t>." + body`` with the webhook's secret. Signing the time
with the body lets a receiver refuse a replayed message (older than
:data:`TOLERANCE_SECONDS`). Written here (a dozen lines of the standard library) rather
than taken from a library, because the receiver's side must be as easy to write in any
language; docs/api.md shows it in Python.
"""

from __future__ import annotations

import hashlib
import hmac
import time

HEADER = "X-Tandem-Signature"
TOLERANCE_SECONDS = 300


def signature(secret: str, body: bytes, timestamp: int) -> str:
    mac = hmac.new(secret.encode(), str(timestamp).encode() + b"." + body, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


def verify(secret: str, body: bytes, header: str, *, now: float | None = None) -> bool:
    """What a receiver does: the header's time is recent and its v1 matches the body."""
    try:
        parts = dict(part.split("=", 1) for part in header.split(","))
        timestamp = int(parts["t"])
    except (KeyError, ValueError):
        return False
    if abs((time.time() if now is None else now) - timestamp) > TOLERANCE_SECONDS:
        return False
    expected = signature(secret, body, timestamp).split("v1=", 1)[1]
    return hmac.compare_digest(expected, parts.get("v1", ""))
