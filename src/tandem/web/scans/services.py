"""Writes on scans and invitations: atomic, keyword-only, ``<entity>_<action>``.

Permission checks happen in the views; the services guard the scan's own rules
(status transitions, what is fixed once a scan has opened).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import PurePath
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_stubs_ext import StrOrPromise

from tandem.i18n import LANGUAGES
from tandem.instrument import load_instrument
from tandem.io.safety import (
    INVITATION_LIST_LIMITS,
    RejectedFileError,
    cell_text,
    check_size,
    decode_text,
    is_old_excel,
    is_zip,
    read_first_sheet,
)
from tandem.privacy import DEFAULT_K, MIN_K
from tandem.web.accounts.models import User, normalise_email
from tandem.web.organisations.models import Organisation
from tandem.web.scans.links import invitation_url
from tandem.web.scans.models import (
    Invitation,
    Scan,
    ScanEvent,
    ScanEventKind,
    ScanStatus,
    invitation_issue_token,
    new_access_code,
    new_token,
)
from tandem.web.scans.tasks import send_invitation_emails

# Fields that shape what respondents answer or what may be shown: fixed once opened.
LOCKED_FIELDS = frozenset(
    {"instrument_name", "form", "languages", "default_language", "k", "should_decide",
     "segment"}
)
EDITABLE_FIELDS = LOCKED_FIELDS | {"title", "opens_on", "closes_on"}
MAX_INVITATIONS_PER_PASTE = 5000


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
    opens_on: date | None = None,
    closes_on: date | None = None,
) -> Scan:
    fields: dict[str, Any] = {
        "languages": list(languages), "default_language": default_language, "k": k,
        "opens_on": opens_on, "closes_on": closes_on,
    }
    _check_settings(fields)
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
        **fields,
    )


@transaction.atomic
def scan_update(*, scan: Scan, **fields: Any) -> Scan:
    """Change settings; after the first opening only title and dates may change."""
    scan = Scan.objects.select_for_update().get(pk=scan.pk)
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"not an editable scan field: {sorted(unknown)}")
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


def _transition(scan: Scan, *, allowed_from: ScanStatus, to: ScanStatus,
                kind: ScanEventKind, actor: User) -> Scan:
    scan = Scan.objects.select_for_update().get(pk=scan.pk)
    if scan.status != allowed_from:
        raise ScanRuleError(_("This scan is %(status)s; it cannot be %(action)s now.")
                            % {"status": scan.get_status_display(), "action": kind.label})
    now = timezone.now()
    scan.status = to
    if to == ScanStatus.OPEN and scan.first_opened_at is None:
        scan.first_opened_at = now
    scan.save(update_fields=["status", "first_opened_at"])
    ScanEvent.objects.create(scan=scan, kind=kind, actor=actor, actor_email=actor.email, at=now)
    return scan


@transaction.atomic
def scan_open(*, scan: Scan, actor: User) -> Scan:
    """Draft -> open: from now on k and the questions are fixed."""
    return _transition(scan, allowed_from=ScanStatus.DRAFT, to=ScanStatus.OPEN,
                       kind=ScanEventKind.OPENED, actor=actor)


@transaction.atomic
def scan_close(*, scan: Scan, actor: User) -> Scan:
    """Open -> closed: no more answers; results can be shown."""
    return _transition(scan, allowed_from=ScanStatus.OPEN, to=ScanStatus.CLOSED,
                       kind=ScanEventKind.CLOSED, actor=actor)


@transaction.atomic
def scan_reopen(*, scan: Scan, actor: User) -> Scan:
    """Closed -> open (owners only, checked by the view); recorded with who and when.

    Not once its raw answers were purged: new answers would be diagnosed without the
    purged ones, so the kept figures would silently be replaced by a smaller wave's.
    """
    if hasattr(scan, "kept_result"):  # results.KeptResult (results builds on scans)
        raise ScanRuleError(_("The answers of this scan were deleted after its retention "
                              "period, so it cannot be reopened. Start a new scan instead."))
    return _transition(scan, allowed_from=ScanStatus.CLOSED, to=ScanStatus.OPEN,
                       kind=ScanEventKind.REOPENED, actor=actor)


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


# ---------------------------------------------------------------- invitations


@dataclass(frozen=True, slots=True)
class InvitationEntry:
    email: str
    department: str


class InvitationListError(ValueError):
    """Lines of a pasted/uploaded list that are wrong; each message names its line."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


def department_codes(scan: Scan) -> dict[str, str]:
    """Accepted spellings (code, Dutch and English label; lower case) -> department code."""
    item = scan.instrument.item("department")
    assert item.options is not None
    spellings: dict[str, str] = {}
    for option in item.options.options:
        for name in (option.code, option.label.nl, option.label.en):
            spellings[name.strip().lower()] = option.code
    return spellings


_SPLIT = re.compile(r"[,;\t]")


def invitation_parse_list(*, scan: Scan, text: str) -> list[InvitationEntry]:
    """Parse ``email`` or ``email,department`` per line (``;`` or tab also work).

    Blank lines and lines starting with ``#`` are skipped, as is a header line
    ``email[,department]``. Raises :class:`InvitationListError` with every problem.
    """
    departments = department_codes(scan)
    entries: list[InvitationEntry] = []
    seen: dict[str, int] = {}
    problems: list[str] = []
    for number, raw_line in enumerate(text.splitlines(), start=1):
        line = raw_line.strip().lstrip("\ufeff")
        if not line or line.startswith("#"):
            continue
        parts = [p.strip().strip('"') for p in _SPLIT.split(line)]
        if number == 1 and parts[0].lower() in ("email", "e-mail", "e-mailadres", "emailadres"):
            continue
        if len(parts) > 2:
            problems.append(_("line %(line)d: expected 'email' or 'email,department', got "
                              "%(count)d fields") % {"line": number, "count": len(parts)})
            continue
        email = normalise_email(parts[0])
        try:
            validate_email(email)
        except ValidationError:
            problems.append(_("line %(line)d: “%(value)s” is not an e-mail address")
                            % {"line": number, "value": parts[0]})
            continue
        department = ""
        if len(parts) == 2 and parts[1]:
            code = departments.get(parts[1].lower())
            if code is None:
                known = ", ".join(sorted(set(departments.values())))
                problems.append(_("line %(line)d: unknown department “%(value)s” (use one "
                                  "of %(known)s)")
                                % {"line": number, "value": parts[1], "known": known})
                continue
            department = code
        if email in seen:
            problems.append(_("line %(line)d: %(email)s is already on line %(first)d")
                            % {"line": number, "email": email, "first": seen[email]})
            continue
        seen[email] = number
        entries.append(InvitationEntry(email=email, department=department))
    if len(entries) > MAX_INVITATIONS_PER_PASTE:
        problems.append(_("at most %(max)d addresses at a time")
                        % {"max": MAX_INVITATIONS_PER_PASTE})
    if problems:
        raise InvitationListError(problems)
    return entries


INVITATION_FILE_SUFFIXES = (".csv", ".txt", ".xlsx")


def invitation_file_text(*, name: str, data: bytes) -> str:
    """The text of an uploaded list, for :func:`invitation_parse_list`.

    The content decides, not only the name: the name must end in .csv, .txt or .xlsx; a
    workbook (zip) is read from its first sheet (column A the address, B the department;
    a sheet row is a line) after the checks of :mod:`tandem.io.safety` (zip bombs,
    size); text must be UTF-8, UTF-16 with a BOM or Windows-1252 and not binary. Raises
    :class:`InvitationListError` with one message naming the file.
    """
    base = PurePath(name).name or "?"
    suffix = PurePath(base).suffix.lower()
    try:
        check_size(len(data), base, INVITATION_LIST_LIMITS)
        if is_old_excel(data):  # .xls, or .xlsx with a password: say so, whatever the name
            raise RejectedFileError("old_excel", base)
        if suffix not in INVITATION_FILE_SUFFIXES:
            raise InvitationListError([_("“%(name)s” is not a .csv, .txt or .xlsx file.")
                                       % {"name": base}])
        if is_zip(data) or suffix == ".xlsx":
            rows = read_first_sheet(data, base, INVITATION_LIST_LIMITS)
            return "\n".join(
                "\t".join(" ".join(cell_text(v).split()) for v in row) for row in rows
            )
        return decode_text(data, base).text
    except RejectedFileError as exc:
        raise InvitationListError([_rejection_message(exc)]) from exc


# Messages for files refused by :mod:`tandem.io.safety`, by its reason code.
_UNREADABLE = gettext_lazy("“%(name)s” is not a readable Excel file (.xlsx): save it again in "
                           "Excel, or as CSV UTF-8.")
_REJECTIONS: dict[str, StrOrPromise] = {
    "too_large": gettext_lazy("“%(name)s” is larger than %(limit_mb)s MB."),
    "not_zip": _UNREADABLE,
    "unreadable_xlsx": _UNREADABLE,
    "not_xlsx": gettext_lazy("“%(name)s” is a zip archive, not an Excel file (.xlsx)."),
    "zip_members": gettext_lazy("“%(name)s” holds too many parts (%(count)d; at most %(limit)d) "
                                "for an address list."),
    "zip_total": gettext_lazy("“%(name)s” would unpack to %(size_mb)s MB; at most %(limit_mb)s MB "
                              "is accepted."),
    "zip_ratio": gettext_lazy("“%(name)s” is refused: it is compressed %(ratio)d:1, as only a zip "
                              "bomb is."),
    "zip_encrypted": gettext_lazy("“%(name)s” is protected with a password: remove the password "
                                  "and save it again."),
    "zip_method": gettext_lazy("“%(name)s” uses a compression Excel does not write: save it again "
                               "in Excel."),
    "old_excel": gettext_lazy("“%(name)s” is an old Excel file (.xls) or one with a password: save "
                              "it as .xlsx without a password, or as CSV UTF-8."),
    "too_many_rows": gettext_lazy("“%(name)s”: the first sheet has more than %(limit)d rows."),
    "too_many_cells": gettext_lazy("“%(name)s”: the first sheet has more than %(limit)d filled "
                                   "cells."),
    "binary": gettext_lazy("“%(name)s”, line %(line)d: binary data, not text. Save the list as CSV "
                           "UTF-8 or as .xlsx."),
    "encoding": gettext_lazy("“%(name)s”, line %(line)d: the text is not in a known encoding (byte "
                             "0x%(byte)02X). Save the list as CSV UTF-8."),
}


def _rejection_message(exc: RejectedFileError) -> str:
    """The translated message for a file refused by :mod:`tandem.io.safety`."""
    values: dict[str, Any] = {"name": exc.name, "line": exc.line or 1, **exc.params}
    return str(_REJECTIONS.get(exc.reason, _REJECTIONS["encoding"])) % values


@dataclass(frozen=True, slots=True)
class BulkResult:
    created: int
    already_invited: list[str]


@transaction.atomic
def invitation_bulk_create(*, scan: Scan, entries: Sequence[InvitationEntry]) -> BulkResult:
    """Create invitations; addresses already invited to this scan are left alone."""
    if scan.status == ScanStatus.CLOSED:
        raise ScanRuleError(_("A closed scan takes no new invitations."))
    existing = set(
        Invitation.objects.filter(scan=scan, email__in=[e.email for e in entries]).values_list(
            "email", flat=True
        )
    )
    new = [Invitation(scan=scan, email=e.email, department=e.department)
           for e in entries if e.email not in existing]
    Invitation.objects.bulk_create(new)
    return BulkResult(created=len(new), already_invited=sorted(existing))


@dataclass(frozen=True, slots=True)
class ExportedLink:
    email: str
    department: str
    url: str


@transaction.atomic
def invitation_links_export(*, scan: Scan) -> list[ExportedLink]:
    """Fresh personal links for everyone not finished (for a mail merge).

    Links issued earlier stay valid; each call issues new ones, because the old tokens
    cannot be recovered from their hashes.
    """
    links = []
    for invitation in Invitation.objects.filter(scan=scan, finished_at__isnull=True).order_by(
        "email"
    ):
        token = invitation_issue_token(invitation=invitation)
        links.append(ExportedLink(invitation.email, invitation.department, invitation_url(token)))
    return links


@transaction.atomic
def invitation_delete(*, invitation: Invitation) -> None:
    """Withdraw an invitation that was not answered (its links stop working)."""
    if invitation.finished_at is not None:
        raise ScanRuleError(_("An answered invitation stays, so that response rates stay "
                              "right."))
    invitation.delete()


def invitations_send(*, scan: Scan, reminder: bool) -> str:
    """Queue the e-mails (invitations to the unsent, or reminders to the unfinished).

    Returns the task result id. The task itself issues the tokens, so no token ever
    passes through the queue.
    """
    if scan.status != ScanStatus.OPEN:
        raise ScanRuleError(_("E-mails go out only while the scan is open."))
    result = send_invitation_emails.enqueue(scan_id=scan.pk, reminder=reminder)
    return str(result.id)
