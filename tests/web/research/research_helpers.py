"""Helpers for the research tests: organisations with closed scans, consent, a researcher,
and the pooled files read back (kept apart: no tests in it)."""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import pandas as pd
import pyreadstat
from webtest_helpers import make_user

from tandem.io.demo import generate_responses
from tandem.web.accounts.models import User
from tandem.web.organisations.models import Organisation
from tandem.web.organisations.services import organisation_create
from tandem.web.research.models import consent_text
from tandem.web.research.services import consent_grant, research_access
from tandem.web.results.testing import closed_scan_with
from tandem.web.scans.models import Scan

SETTINGS = frozenset({"should_decide"})  # as closed_scan_with's scans ask


def answers(n: int, seed: int, *, small: str | None = None) -> pd.DataFrame:
    """``n`` synthetic respondents; with ``small`` that department has exactly 2 people
    and nobody is in another small one (so its pool stays below k = 5: it is left out of
    every figure)."""
    frame = generate_responses(n, seed, "default", settings=SETTINGS)
    if small is not None:
        frame = frame.copy()
        frame.loc[~frame.department.isin(["sales", "marketing", "service"]),
                  "department"] = "sales"
        frame.loc[frame.index[:2], "department"] = small
    return frame


def organisation(name: str, owner: User, **context: Any) -> Organisation:
    return organisation_create(name=name, owner=owner, **context)


def scan(org: Organisation, owner: User, n: int, seed: int, title: str = "Wave",
         small: str | None = None) -> Scan:
    return closed_scan_with(organisation=org, actor=owner, title=title,
                            frame=answers(n, seed, small=small))


def consent(org: Organisation, owner: User) -> None:
    consent_grant(organisation=org, user=owner, text=consent_text(), language="en")


def researcher(email: str = "researcher@example.org") -> User:
    user = make_user(email)
    research_access(user=user)
    return User.objects.get(pk=user.pk)  # a fresh object: permissions are cached


def members(content: bytes) -> dict[str, bytes]:
    archive = zipfile.ZipFile(io.BytesIO(content))
    assert archive.testzip() is None
    return {name: archive.read(name) for name in archive.namelist()}


def read_data(name: str, data: bytes) -> tuple[pd.DataFrame, Any]:
    """A pooled data file as an analyst reads it (pyreadstat; CSV with pandas)."""
    if name.endswith(".csv"):
        return pd.read_csv(io.BytesIO(data), encoding="utf-8-sig"), None
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        read = pyreadstat.read_sav if name.endswith(".sav") else pyreadstat.read_dta
        return read(str(path), user_missing=True)
