"""Rate limits count per real client, also behind a reverse proxy, and cannot be
dodged by a forged ``X-Forwarded-For``."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

from tandem.web.ratelimit import client_address
from tandem.web.scans.models import Scan
from tandem.web.survey.ratelimit import MAX_FAILURES


@pytest.mark.parametrize(("proxies", "forwarded", "expected"), [
    (0, "", "10.9.9.9"),
    (0, "203.0.113.7", "10.9.9.9"),  # no proxy configured: the header is the client's
    (1, "203.0.113.7", "203.0.113.7"),
    (1, "198.51.100.1, 203.0.113.7", "203.0.113.7"),  # forged left entry is ignored
    (2, "198.51.100.1, 203.0.113.7, 10.0.0.2", "203.0.113.7"),
    (2, "203.0.113.7", "10.9.9.9"),  # shorter than the proxy chain: not through it
    (1, "", "10.9.9.9"),  # straight to the app (a health check on loopback)
])
def test_client_address(proxies: int, forwarded: str, expected: str) -> None:
    request = RequestFactory().get("/", REMOTE_ADDR="10.9.9.9", HTTP_X_FORWARDED_FOR=forwarded)
    with override_settings(TANDEM_TRUSTED_PROXIES=proxies):
        assert client_address(request) == expected


def _try_code(client: Client, forwarded: str, code: str) -> str:
    """``blocked`` or ``refused`` (a wrong code, honestly checked)."""
    response = client.post(reverse("survey:code"), {"code": code, "lang": "en"},
                           HTTP_X_FORWARDED_FOR=forwarded)
    assert response.status_code == 400
    return "blocked" if "Too many attempts" in response.content.decode() else "refused"


@override_settings(TANDEM_TRUSTED_PROXIES=1)
def test_behind_a_proxy_one_guesser_does_not_block_everyone(open_scan: Scan) -> None:
    proxy = Client(REMOTE_ADDR="127.0.0.1")  # every request arrives from the proxy
    guesser, colleague = "198.51.100.20", "198.51.100.21"
    for _ in range(MAX_FAILURES):
        assert _try_code(proxy, guesser, "WRONG-CODE") == "refused"
    assert _try_code(proxy, guesser, "WRONG-CODE") == "blocked"
    # Forging a new address in front of the proxy's entry does not reset the count.
    assert _try_code(proxy, f"203.0.113.99, {guesser}", "WRONG-CODE") == "blocked"
    # A colleague behind the same proxy still gets an honest answer.
    assert _try_code(proxy, colleague, "WRONG-CODE") == "refused"
