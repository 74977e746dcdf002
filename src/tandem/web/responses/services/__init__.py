"""Writes on drafts and responses: start, save as you go, submit exactly once.

Every function is atomic and takes keyword-only arguments. Errors a respondent can
cause are :class:`SurveyUnavailable` subclasses with a ``reason`` the survey page can
turn into a clear message.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from django.db import transaction
from django.utils import timezone

from tandem.instrument.model import Instrument, Item
from tandem.responses import parse_choice, parse_likert
from tandem.web.responses.hotpath import one_by, update_by_pk
from tandem.web.responses.models import Draft, Response, ResponseStatus
from tandem.web.scans.models import Invitation, Scan, hash_token, new_token

MAX_TEXT_ANSWER = 2000


class SurveyUnavailable(Exception):  # noqa: N818 - the survey flow uses this name
    """The survey cannot be answered through this link (now)."""

    reason = "unavailable"


class ScanNotOpen(SurveyUnavailable):
    reason = "closed"


class LinkUsed(SurveyUnavailable):
    reason = "used"


class AnswerError(ValueError):
    """Answers that do not fit the scan's instrument; ``problems`` maps item id -> message."""

    def __init__(self, problems: dict[str, str]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{k}: {v}" for k, v in problems.items()))


class SubmitOutcome(StrEnum):
    SUBMITTED = "submitted"
    ALREADY_SUBMITTED = "already_submitted"


@dataclass(frozen=True, slots=True)
class OpenDraft:
    """A new open-link draft and the resume token to keep in the respondent's session."""

    draft: Draft
    resume_token: str


def _language_for(scan: Scan, language: str | None) -> str:
    return language if language and language in scan.languages else scan.default_language


@transaction.atomic
def draft_start_for_invitation(*, invitation: Invitation, language: str | None = None) -> Draft:
    """The invitation's draft, created on first use; refuses a used link or closed scan."""
    invitation = Invitation.objects.select_for_update().select_related("scan").get(
        pk=invitation.pk
    )
    if invitation.finished_at is not None:
        raise LinkUsed()
    if not invitation.scan.accepts_answers():
        raise ScanNotOpen()
    draft, _created = Draft.objects.get_or_create(
        invitation=invitation,
        defaults={"scan": invitation.scan,
                  "language": _language_for(invitation.scan, language)},
    )
    return draft


@transaction.atomic
def draft_start_open(*, scan: Scan, language: str | None = None) -> OpenDraft:
    """A new anonymous draft for the open link / access code, with its resume token."""
    scan = Scan.objects.get(pk=scan.pk)  # the status as it is now, not as the caller saw it
    if not scan.accepts_answers():
        raise ScanNotOpen()
    token = new_token()
    draft = Draft.objects.create(
        scan=scan, resume_token_hash=hash_token(token), language=_language_for(scan, language)
    )
    return OpenDraft(draft=draft, resume_token=token)


def clean_answers(scan: Scan, answers: Mapping[str, object]) -> dict[str, str | None]:
    """Check answers against the scan's items; ``None`` means "clear this answer"."""
    items: dict[str, Item] = {i.id: i for i in scan.survey_items()}
    problems: dict[str, str] = {}
    clean: dict[str, str | None] = {}
    for item_id, raw in answers.items():
        item = items.get(item_id)
        if item is None:
            problems[item_id] = "not a question of this scan"
            continue
        text = "" if raw is None else str(raw).strip()
        if text == "":
            clean[item_id] = None
            continue
        problem: str | None
        if item.kind == "likert":  # the API's messages are English
            _value, refused = parse_likert(text)
            problem, code = (refused.en if refused else None), text.lower()
        elif item.kind == "choice":
            parsed, refused = parse_choice(item, text)
            problem, code = (refused.en if refused else None), parsed or ""
        else:
            problem = f"longer than {MAX_TEXT_ANSWER} characters" if len(
                text) > MAX_TEXT_ANSWER else None
            code = text
        if problem:
            problems[item_id] = problem
        else:
            clean[item_id] = code
    if problems:
        raise AnswerError(problems)
    return clean


def draft_save_answers(
    *,
    draft: Draft,
    answers: Mapping[str, object],
    language: str | None = None,
    last_section: str | None = None,
) -> Draft:
    """Merge ``answers`` (item id -> code; empty clears) into the draft; returns it updated.

    A page's answers are usually saved already (on change) when its "next" sends them
    again: then nothing is written at all. Otherwise the row is locked and read again
    (a save on change and a "next" may overlap), so is its scan (it may have closed
    since the caller loaded it), and one UPDATE writes the fields that changed.
    """
    scan = draft.scan
    if not scan.accepts_answers():
        raise ScanNotOpen()
    clean = clean_answers(scan, answers)
    language = _language_for(scan, language) if language else draft.language
    section = draft.last_section if last_section is None else last_section
    if (_merged(draft.answers, clean) == draft.answers and language == draft.language
            and section == draft.last_section):
        return draft
    with transaction.atomic():  # hotpath: prepared statements, as the ORM would write them
        locked = one_by(Draft, "id", draft.pk, lock=True)
        fresh = one_by(Scan, "id", scan.pk)  # the scan may have closed since
        if locked is None or fresh is None:
            raise LinkUsed()
        if not fresh.accepts_answers():
            raise ScanNotOpen()
        merged = _merged(locked.answers, clean)
        changed: dict[str, object] = {"answers": merged} if merged != locked.answers else {}
        if language != locked.language:
            changed["language"] = language
        if section != locked.last_section:
            changed["last_section"] = section
        if changed:
            update_by_pk(Draft, draft.pk, {**changed, "updated_at": timezone.now()})
    draft.answers, draft.language, draft.last_section = merged, language, section
    return draft


def _merged(answers: Mapping[str, str], clean: Mapping[str, str | None]) -> dict[str, str]:
    merged = dict(answers)
    for item_id, code in clean.items():
        if code is None:
            merged.pop(item_id, None)
        else:
            merged[item_id] = code
    return merged


@transaction.atomic
def draft_consent(*, draft: Draft) -> Draft:
    """Record that the respondent read the intro and agreed to take part."""
    Draft.objects.filter(pk=draft.pk, consented_at__isnull=True).update(
        consented_at=timezone.now()
    )
    draft.refresh_from_db()
    return draft


def _asked(instrument: Instrument, answers: dict[str, str]) -> dict[str, str]:
    """The answers without those to items asked of another department than the one
    finally given (a respondent who answered the meta-perception statements as Sales
    and then changed the department): what the survey would ask them now."""
    department = answers.get("department", "")
    dropped = {i.id for i in instrument.items if i.asked_of and department not in i.asked_of}
    return {k: v for k, v in answers.items() if k not in dropped}


@transaction.atomic
def draft_submit(*, draft: Draft) -> SubmitOutcome:
    """Turn the draft into an unlinkable Response, once; a repeat is a no-op."""
    locked = Draft.objects.select_for_update().select_related("scan").filter(pk=draft.pk).first()
    if locked is None:
        return SubmitOutcome.ALREADY_SUBMITTED
    scan = locked.scan
    if not scan.accepts_answers():
        raise ScanNotOpen()
    instrument = scan.instrument
    Response.objects.create(
        scan=scan,
        instrument_id=instrument.id,
        instrument_version=instrument.version,
        form=scan.form,
        language=locked.language,
        answers=_asked(instrument, dict(locked.answers)),
        status=ResponseStatus.SUBMITTED,
        submitted_on=timezone.localdate(),
    )
    if locked.invitation_id is not None:
        Invitation.objects.filter(pk=locked.invitation_id, finished_at__isnull=True).update(
            finished_at=timezone.now()
        )
    locked.delete()
    return SubmitOutcome.SUBMITTED
