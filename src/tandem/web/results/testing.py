"""Seed a closed scan with given answers: for tests, browser tests and the benchmark.

Answers go in the way the survey stores them (one :class:`Response` per respondent, no
link to anyone), so the results pages see exactly what they would in production.
"""

from __future__ import annotations

from datetime import timedelta

import pandas as pd
from django.utils import timezone

from tandem.instrument import DEFAULT_INSTRUMENT
from tandem.web.accounts.models import User
from tandem.web.organisations.models import Organisation
from tandem.web.responses.models import Response, ResponseStatus
from tandem.web.scans.models import Scan
from tandem.web.scans.services import scan_close, scan_create, scan_open


def responses_add(*, scan: Scan, frame: pd.DataFrame) -> int:
    """Store each row of a wide answer frame (as from ``generate_responses``) as a Response."""
    instrument = scan.instrument
    today = timezone.localdate()
    item_ids = [c for c in frame.columns if c != "respondent"]
    rows = frame[item_ids].astype(str).to_dict("records")
    Response.objects.bulk_create(
        (
            Response(
                scan=scan, instrument_id=instrument.id, instrument_version=instrument.version,
                form=scan.form, language="nl" if i % 3 else "en",
                answers={k: v for k, v in row.items() if v != ""},
                status=ResponseStatus.SUBMITTED, submitted_on=today - timedelta(days=i % 20),
            )
            for i, row in enumerate(rows)
        ),
        batch_size=500,
    )
    return len(rows)


def closed_scan_with(*, organisation: Organisation, actor: User, frame: pd.DataFrame,
                     title: str = "Scan", k: int = 5, should_decide: bool = True,
                     instrument_name: str = DEFAULT_INSTRUMENT,
                     meta_perception: bool = False) -> Scan:
    """A scan of ``instrument_name`` (the version ``frame`` answers; by default the one new
    scans get) created, opened, answered with ``frame`` and closed."""
    scan = scan_create(organisation=organisation, title=title, instrument_name=instrument_name,
                       k=k, should_decide=should_decide, meta_perception=meta_perception)
    scan = scan_open(scan=scan, actor=actor)
    responses_add(scan=scan, frame=frame)
    return scan_close(scan=scan, actor=actor)
