"""Start the tests' OpenID provider (``provider.mjs``: panva's oidc-provider) on a free
port of 127.0.0.1, and drive its development login form with a ``requests`` session.

``npm ci`` installs the pinned library into ``tests/sso/node_modules`` the first time
(``package-lock.json`` is committed; ``.ci/run`` checks that node and npm are there).
"""

from __future__ import annotations

import html
import re
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest
import requests

HERE = Path(__file__).resolve().parent
CLIENT_ID = "tandem-tests"
CLIENT_SECRET = "tandem-tests-client-secret-0123456789"
START_SECONDS = 60


@dataclass(frozen=True)
class Provider:
    issuer: str
    client_id: str
    client_secret: str


def _node_ready() -> None:
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.skip("node and npm are needed for the OpenID provider (apt-get install nodejs npm)")
    if not (HERE / "node_modules" / "oidc-provider" / "package.json").exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"],
                       cwd=HERE, check=True, timeout=300)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def running_provider(redirect_uri: str) -> Iterator[Provider]:
    """The provider, answering, with one client whose redirect URI is ``redirect_uri``."""
    _node_ready()
    port = _free_port()
    process = subprocess.Popen(
        ["node", str(HERE / "provider.mjs"), str(port), redirect_uri, CLIENT_ID,
         CLIENT_SECRET],
        cwd=HERE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        issuer = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + START_SECONDS
        assert process.stdout is not None
        seen = []
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line and process.poll() is not None:
                break
            seen.append(line)
            if line.startswith(f"listening {issuer}"):
                break
        else:
            raise RuntimeError("the OpenID provider did not start in time")
        if process.poll() is not None:
            raise RuntimeError("the OpenID provider stopped:\n" + "".join(seen))
        requests.get(issuer + "/.well-known/openid-configuration", timeout=10).raise_for_status()
        yield Provider(issuer, CLIENT_ID, CLIENT_SECRET)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class _Forms(HTMLParser):
    """The forms of a page: action and named inputs (what the provider's pages hold)."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.forms.append((found.get("action", ""), {}))
        elif tag == "input" and self.forms and found.get("name"):
            self.forms[-1][1][found["name"]] = found.get("value", "")


def forms_of(page: str) -> list[tuple[str, dict[str, str]]]:
    parser = _Forms()
    parser.feed(page)
    return parser.forms


def forward_url(page: str) -> str:
    """Where Tandem's "sending you to your organisation" page sends the browser."""
    match = re.search(r'http-equiv="refresh" content="0;url=([^"]+)"', page)
    assert match is not None, page[:2000]
    return html.unescape(match.group(1))


def log_in_at_provider(session: requests.Session, response: requests.Response,
                       login: str) -> requests.Response:
    """Fill the provider's login form (and its consent form) until it answers with a
    redirect away from itself; that redirect (to Tandem's callback) is returned."""
    for _step in range(20):
        if response.is_redirect:
            location = urljoin(response.url, response.headers["Location"])
            if not _same_origin(response.url, location):
                return response
            response = session.get(location, allow_redirects=False, timeout=10)
            continue
        pages = forms_of(response.text)
        assert pages, (response.status_code, response.text[:2000])
        action, fields = pages[0]
        if 'name="login"' in response.text:
            fields |= {"login": login, "password": "any password"}
        response = session.post(urljoin(response.url, action), data=fields,
                                allow_redirects=False, timeout=10)
    raise AssertionError("the provider kept asking")


def _same_origin(current: str, target: str) -> bool:
    return target.split("/")[2] == current.split("/")[2]
