"""Writes of a scan's life: its settings, the status transitions (draft, open, closed,
reopened; each recorded with who and when) and its open link.

The services guard the scan's own rules: what is fixed once a scan has opened, which
transition is allowed from which status.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.i18n import LANGUAGES
from tandem.instrument import load_instrument
from tandem.privacy import DEFAULT_K, MIN_K
from tandem.web.accounts.models import User
from tandem.web.organisations.models import Organisation
from tandem.web.organisations.signals import announce
from tandem.web.scans.models import (
    Scan,
    ScanEvent,
    ScanEventKind,
    ScanStatus,
    new_access_code,
    new_token,
)

# Fields that shape what respondents answer or what may be shown: fixed once opened.
LOCKED_FIELDS = frozenset(
    {"instrument_name", "form", "languages", "default_language", "k", "should_decide",
     "segment", "meta_perception"}
)
EDITABLE_FIELDS = LOCKED_FIELDS | {"title", "opens_on", "closes_on"}


class ScanRuleError(ValueError):
    """The change breaks a rule of the scan (status, locked settings)."""


def _check_settings(fields: dict[str, Any]) -> None:
    k = fields.get("k")
    if k is not None and int(k) < MIN_K:
        raise ScanRuleError(_("k must be at least %(min)d") % {"min": MIN_K})
    languages = fields.get("languages")
    if languages is not None:
        if not languages or any(lang not in LANGUAGES for lang in languages):
            raise ScanRuleError(_("Choose at least one language."))
        if fields.get("default_language") not in languages:
            raise ScanRuleError(_("The default language must be one of the scan's languages."))
    opens_on, closes_on = fields.get("opens_on"), fields.get("closes_on")
    if isinstance(opens_on, date) and isinstance(closes_on, date) and closes_on < opens_on:
        raise ScanRuleError(_("The scan cannot close before it opens."))
    if problem := meta_perception_problem(fields.get("instrument_name"),
                                          bool(fields.get("meta_perception"))):
        raise ScanRuleError(problem)


def meta_perception_problem(instrument_name: str | None, meta_perception: bool) -> str | None:
    """Why the meta-perception module cannot be switched on for this questionnaire
    version, or None (version 1 has none of its statements: the setting would ask
    nothing and show no empathy gap). The scan form says it beside the field."""
    if not meta_perception or not instrument_name:
        return None
    instrument = load_instrument(instrument_name)
    if instrument.meta_items():
        return None
    return (_("Version %(version)s of the questionnaire has no statements on how the other "
              "department would answer: choose a later version or switch this off.")
            % {"version": instrument.version})


@transaction.atomic
def scan_create(
    *,
    organisation: Organisation,
    title: str,
    instrument_name: str,
    form: str = "full",
    languages: Sequence[str] = LANGUAGES,
    default_language: str = "nl",
    k: int = DEFAULT_K,
    should_decide: bool = False,
    segment: bool = False,
    meta_perception: bool = False,
    opens_on: date | None = None,
    closes_on: date | None = None,
) -> Scan:
    fields: dict[str, Any] = {
        "languages": list(languages), "default_language": default_language, "k": k,
        "opens_on": opens_on, "closes_on": closes_on,
    }
    _check_settings(fields | {"instrument_name": instrument_name,
                              "meta_perception": meta_perception})
    instrument = load_instrument(instrument_name)
    return Scan.objects.create(
        organisation=organisation,
        title=title,
        instrument_name=instrument_name,
        instrument_id=instrument.id,
        instrument_version=instrument.version,
        form=form,
        should_decide=should_decide,
        segment=segment,
        meta_perception=meta_perception,
        **fields,
    )


@transaction.atomic
def scan_update(*, scan: Scan, **fields: Any) -> Scan:
    """Change settings; after the first opening only title and dates may change."""
    scan = Scan.objects.select_for_update().get(pk=scan.pk)
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"not an editable scan field: {sorted(unknown)}")
    if scan.is_pulse:
        # A pulse asks its baseline's statements under its baseline's threshold: another
        # k would make another group plan, and two plans of the same baseline differ by
        # groups below k (tandem.analysis.pulse).
        changed = {f for f in fields.keys() & LOCKED_FIELDS if getattr(scan, f) != fields[f]}
        if changed:
            raise ScanRuleError(_("A pulse takes these from the scan it follows up: %(fields)s")
                                % {"fields": ", ".join(sorted(changed))})
    if scan.is_locked:
        changed = {f for f in fields.keys() & LOCKED_FIELDS if getattr(scan, f) != fields[f]}
        if changed:
            raise ScanRuleError(_("Fixed once the scan has opened: %(fields)s")
                                % {"fields": ", ".join(sorted(changed))})
    merged = {f: fields.get(f, getattr(scan, f)) for f in EDITABLE_FIELDS}
    _check_settings(merged)
    if "instrument_name" in fields:
        instrument = load_instrument(fields["instrument_name"])
        scan.instrument_id, scan.instrument_version = instrument.id, instrument.version
    for name, value in fields.items():
        setattr(scan, name, value)
    scan.save()
    return scan


#: The status each change of status starts from, and the one it leads to.
ALLOWED_FROM: dict[ScanEventKind, ScanStatus] = {
    ScanEventKind.OPENED: ScanStatus.DRAFT,
    ScanEventKind.CLOSED: ScanStatus.OPEN,
    ScanEventKind.REOPENED: ScanStatus.CLOSED,
}
LEADS_TO: dict[ScanEventKind, ScanStatus] = {
    ScanEventKind.OPENED: ScanStatus.OPEN,
    ScanEventKind.CLOSED: ScanStatus.CLOSED,
    ScanEventKind.REOPENED: ScanStatus.OPEN,
}


def scan_transition_problem(*, scan: Scan, kind: ScanEventKind) -> str | None:
    """Why the scan cannot be opened, closed or reopened (``kind``) now, or None.

    A reopening is refused once the raw answers were purged: new answers would be
    diagnosed without the purged ones, so the kept figures would silently be replaced
    by a smaller wave's.
    """
    if scan.status != ALLOWED_FROM[kind]:
        return (_("This scan is %(status)s; it cannot be %(action)s now.")
                % {"status": scan.get_status_display(), "action": kind.label})
    if kind == ScanEventKind.REOPENED and hasattr(scan, "kept_result"):
        # results.KeptResult (results builds on scans)
        return _("The answers of this scan were deleted after its retention period, so it "
                 "cannot be reopened. Start a new scan instead.")
    return None


def _transition(scan: Scan, *, kind: ScanEventKind, actor: User) -> Scan:
    scan = Scan.objects.select_for_update().get(pk=scan.pk)
    to = LEADS_TO[kind]
    problem = scan_transition_problem(scan=scan, kind=kind)
    if problem is not None:
        raise ScanRuleError(problem)
    now = timezone.now()
    scan.status = to
    if to == ScanStatus.OPEN and scan.first_opened_at is None:
        scan.first_opened_at = now
    scan.save(update_fields=["status", "first_opened_at"])
    event = ScanEvent.objects.create(scan=scan, kind=kind, actor=actor, actor_email=actor.email,
                                     at=now)
    if kind == ScanEventKind.CLOSED:
        announce(scan.organisation, "scan.closed", f"scan:{scan.pk}:event:{event.pk}",
                 {"scan_id": scan.pk, "scan_name": scan.title})
    return scan


@transaction.atomic
def scan_open(*, scan: Scan, actor: User) -> Scan:
    """Draft -> open: from now on k and the questions are fixed."""
    return _transition(scan, kind=ScanEventKind.OPENED, actor=actor)


@transaction.atomic
def scan_close(*, scan: Scan, actor: User) -> Scan:
    """Open -> closed: no more answers; results can be shown."""
    return _transition(scan, kind=ScanEventKind.CLOSED, actor=actor)


@transaction.atomic
def scan_reopen(*, scan: Scan, actor: User) -> Scan:
    """Closed -> open (owners only, checked by the view); recorded with who and when.
    Not once its raw answers were purged (:func:`scan_transition_problem`)."""
    return _transition(scan, kind=ScanEventKind.REOPENED, actor=actor)


@transaction.atomic
def scan_enable_open_link(*, scan: Scan) -> Scan:
    """Give the scan an open link and an access code (new ones replace old ones)."""
    scan = Scan.objects.select_for_update().get(pk=scan.pk)
    for _attempt in range(10):
        scan.open_token = new_token()
        scan.access_code = new_access_code()
        try:
            with transaction.atomic():
                scan.save(update_fields=["open_token", "access_code"])
        except IntegrityError:  # an access-code collision: draw again
            continue
        return scan
    raise RuntimeError("could not draw a unique access code")


@transaction.atomic
def scan_disable_open_link(*, scan: Scan) -> Scan:
    Scan.objects.filter(pk=scan.pk).update(open_token=None, access_code=None)
    scan.refresh_from_db()
    return scan
