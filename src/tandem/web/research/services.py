"""Writes of research: consent granted and revoked (a new row each time, never a change),
and pools made: streamed as they are made (CSV) or made in the background and stored
in parts (SPSS, Stata, CSV), see docs/research.md for why both."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Iterator
from datetime import timedelta

import pandas as pd
from django.contrib.auth.models import Permission
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from tandem.report.research.data import ResearchData
from tandem.report.research.files import FORMATS
from tandem.report.research.pool import PoolTally, pool_zip
from tandem.web.accounts.models import User
from tandem.web.organisations.models import Organisation
from tandem.web.research.access import POOL_PERMISSION
from tandem.web.research.models import (
    CONSENT_VERSION,
    PART_BYTES,
    POOL_KEEP_DAYS,
    Consent,
    Pool,
    PoolPart,
    PoolStatus,
    ResearchCode,
)
from tandem.web.research.selectors.consent import consent_current
from tandem.web.research.selectors.pool import PoolScan, pool_frames, pool_layout_of, pool_scans

logger = logging.getLogger(__name__)


class ConsentError(ValueError):
    """Granting what stands, or revoking what does not."""


@transaction.atomic
def consent_grant(*, organisation: Organisation, user: User, text: str,
                  language: str) -> Consent:
    """The organisation joins the pool: a grant row with the text agreed to, and its
    research code the first time."""
    Organisation.objects.select_for_update().get(pk=organisation.pk)  # one change at a time
    if consent_current(organisation=organisation) is not None:
        raise ConsentError("the organisation already consents")
    _research_code(organisation)
    return Consent.objects.create(organisation=organisation, granted=True, by=user,
                                  by_email=user.email, text_version=CONSENT_VERSION,
                                  text=text, language=language)


@transaction.atomic
def consent_revoke(*, organisation: Organisation, user: User) -> Consent:
    """The organisation leaves the pool: every pool made from now on leaves it out."""
    Organisation.objects.select_for_update().get(pk=organisation.pk)
    if consent_current(organisation=organisation) is None:
        raise ConsentError("the organisation does not consent")
    return Consent.objects.create(organisation=organisation, granted=False, by=user,
                                  by_email=user.email)


def research_access(*, user: User, granted: bool = True) -> None:
    """Give ``user`` the research permission (the pool, on the web and in the API), or
    take it away (``granted=False``)."""
    app_label, codename = POOL_PERMISSION.split(".")
    permission = Permission.objects.get(codename=codename, content_type__app_label=app_label)
    if granted:
        user.user_permissions.add(permission)
    else:
        user.user_permissions.remove(permission)


#: A research code: a letter, then letters and digits (about 62 random bits). Starting
#: with a letter, no code reads as a number (``123e4567``) in a spreadsheet, pandas or R.
CODE_LETTERS = "abcdefghijklmnopqrstuvwxyz"
CODE_CHARACTERS = CODE_LETTERS + "0123456789"
CODE_LENGTH = 12


def _research_code(organisation: Organisation) -> str:
    """The organisation's code: made once, at random, kept for good."""
    known = ResearchCode.objects.filter(organisation=organisation).first()
    if known is not None:
        return known.code
    while True:
        code = secrets.choice(CODE_LETTERS) + "".join(
            secrets.choice(CODE_CHARACTERS) for _ in range(CODE_LENGTH - 1))
        try:
            with transaction.atomic():
                return ResearchCode.objects.create(organisation=organisation, code=code).code
        except IntegrityError:  # the same random code twice: draw again
            continue


# ---------------------------------------------------------------- pools


def pool_request(*, user: User, fmt: str, language: str) -> Pool:
    """A pool to be made in the background (the caller queues ``tasks.build_pool``);
    pools older than POOL_KEEP_DAYS lose their data."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    pools_expire()
    return Pool.objects.create(fmt=fmt, language=language, requested_by=user,
                               requested_email=user.email)


def pools_expire() -> int:
    """Delete the data of pools made more than POOL_KEEP_DAYS days ago (the rows stay,
    as the record of who had which pool)."""
    cutoff = timezone.now() - timedelta(days=POOL_KEEP_DAYS)
    old = Pool.objects.filter(created_at__lt=cutoff, status=PoolStatus.READY)
    PoolPart.objects.filter(pool__in=old).delete()
    return old.update(status=PoolStatus.EXPIRED)


def pool_build(*, pool_id: int) -> Pool | None:
    """Make a queued pool from the organisations that consent now and store its ZIP in
    parts; None when it is not queued (made already, or by another worker)."""
    if not Pool.objects.filter(pk=pool_id, status=PoolStatus.QUEUED).update(
            status=PoolStatus.RUNNING):
        return None
    pool = Pool.objects.get(pk=pool_id)
    source = _Source(pool.language)
    tally = PoolTally()
    parts = _Parts(pool)
    try:
        for chunk in pool_zip(source, pool.fmt, made_on=f"{timezone.localdate():%Y-%m-%d}",
                              tally=tally):
            parts.write(chunk)
        parts.close()
    except Exception:
        logger.exception("research pool %s could not be made", pool.pk)
        PoolPart.objects.filter(pool=pool).delete()
        pool.status, pool.finished_at = PoolStatus.FAILED, timezone.now()
        pool.save(update_fields=["status", "finished_at"])
        return pool
    _finish(pool, source.scans, tally, parts.size, PoolStatus.READY)
    return pool


def pool_stream(*, user: User, language: str) -> Iterator[bytes]:
    """The pool as a CSV ZIP made while it is sent, recorded as a streamed pool; who is
    in it is decided as the first bytes leave, and the record gets its counts when the
    last byte has gone."""
    pool = Pool.objects.create(fmt="csv", language=language, status=PoolStatus.STREAMED,
                               requested_by=user, requested_email=user.email, downloads=1)
    source = _Source(language)
    tally = PoolTally()

    def stream() -> Iterator[bytes]:
        size = 0
        for chunk in pool_zip(source, "csv", made_on=f"{timezone.localdate():%Y-%m-%d}",
                              tally=tally):
            size += len(chunk)
            yield chunk
        _finish(pool, source.scans, tally, size, PoolStatus.STREAMED)

    return stream()


class _Source:
    """The pool's members as they are when it is made, and their rows."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.scans: list[PoolScan] = []

    def __call__(self) -> tuple[ResearchData, Iterator[pd.DataFrame]]:
        self.scans = pool_scans()
        layout = pool_layout_of(self.scans, self.language)
        return layout, pool_frames(self.scans, layout)


def pool_downloaded(*, pool: Pool) -> None:
    Pool.objects.filter(pk=pool.pk).update(downloads=F("downloads") + 1)


def _finish(pool: Pool, scans: list[PoolScan], tally: PoolTally, size: int,
            status: str) -> None:
    pool.status, pool.finished_at, pool.size = status, timezone.now(), size
    pool.scans = [m.scan.pk for m in scans]
    pool.organisations, pool.respondents = len(tally.organisations), tally.rows
    pool.save(update_fields=["status", "finished_at", "size", "scans", "organisations",
                             "respondents"])


class _Parts:
    """The ZIP written into the database in parts of PART_BYTES."""

    def __init__(self, pool: Pool) -> None:
        self.pool = pool
        self.buffer = bytearray()
        self.number = 0
        self.size = 0

    def write(self, data: bytes) -> None:
        self.buffer += data
        while len(self.buffer) >= PART_BYTES:
            self._store(bytes(self.buffer[:PART_BYTES]))
            del self.buffer[:PART_BYTES]

    def close(self) -> None:
        if self.buffer:
            self._store(bytes(self.buffer))
            self.buffer.clear()

    def _store(self, data: bytes) -> None:
        self.number += 1
        self.size += len(data)
        PoolPart.objects.create(pool=self.pool, number=self.number, data=data)
