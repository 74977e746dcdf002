"""Drafts and responses: save as you go, submit once, keep no link to the person."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection
from django.db.models.signals import post_save
from django.utils import timezone
from webtest_helpers import World

from tandem.responses import ResponseSet
from tandem.web.responses.models import Draft, Response
from tandem.web.responses.selectors import draft_for_resume_token, submitted_records
from tandem.web.responses.services import (
    AnswerError,
    LinkUsed,
    ScanNotOpen,
    SubmitOutcome,
    draft_save_answers,
    draft_start_for_invitation,
    draft_start_open,
    draft_submit,
)
from tandem.web.scans.models import Invitation, Scan
from tandem.web.scans.services import invitation_bulk_create, invitation_parse_list, scan_close


def _invitation(scan: Scan, email: str = "a@example.org") -> Invitation:
    entries = invitation_parse_list(scan=scan, text=f"{email},sales")
    invitation_bulk_create(scan=scan, entries=entries)
    return Invitation.objects.get(scan=scan, email=email)


def test_save_and_submit_copies_answers_without_any_link(world: World, open_scan: Scan) -> None:
    invitation = _invitation(open_scan)
    draft = draft_start_for_invitation(invitation=invitation, language="en")
    draft_save_answers(draft=draft, answers={"department": "sales", "def_roles": "4"})
    draft_save_answers(draft=draft, answers={"def_roles": "dk", "level": "staff"})
    draft_save_answers(draft=draft, answers={"level": ""})  # empty clears

    assert draft_submit(draft=draft) == SubmitOutcome.SUBMITTED

    response = Response.objects.get()
    assert response.answers == {"department": "sales", "def_roles": "dk"}
    assert response.language == "en"
    assert response.instrument_id == "tandem-scan"
    assert response.instrument_version == "1.0"
    assert response.submitted_on == timezone.localdate()
    assert isinstance(response.submitted_on, dt.date)
    field_names = {f.name for f in Response._meta.get_fields()}
    assert not field_names & {"invitation", "email", "ip", "user_agent", "user", "created_at"}
    assert not Draft.objects.exists()
    invitation.refresh_from_db()
    assert invitation.finished_at is not None


def test_submitting_twice_yields_one_response(world: World, open_scan: Scan) -> None:
    draft = draft_start_for_invitation(invitation=_invitation(open_scan))
    draft_save_answers(draft=draft, answers={"department": "marketing"})
    assert draft_submit(draft=draft) == SubmitOutcome.SUBMITTED
    assert draft_submit(draft=draft) == SubmitOutcome.ALREADY_SUBMITTED
    assert Response.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_submits_yield_one_response(world: World, open_scan: Scan) -> None:
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("in-memory SQLite has table locks without waiting; runs on PostgreSQL")
    draft = draft_start_for_invitation(invitation=_invitation(open_scan))
    outcomes: list[SubmitOutcome] = []
    errors: list[BaseException] = []

    def submit() -> None:
        try:
            outcomes.append(draft_submit(draft=draft))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sorted(outcomes) == sorted(
        [SubmitOutcome.SUBMITTED] + [SubmitOutcome.ALREADY_SUBMITTED] * 3
    )
    assert Response.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_submit_is_one_transaction(world: World, open_scan: Scan) -> None:
    """The response is written, the invitation marked and the draft deleted together (on
    any database: PostgreSQL would refuse the draft's row lock outside one, SQLite not)."""
    seen: list[bool] = []

    def note(**_: object) -> None:
        seen.append(connection.in_atomic_block)

    post_save.connect(note, sender=Response, weak=False)
    try:
        draft = draft_start_for_invitation(invitation=_invitation(open_scan))
        assert draft_submit(draft=draft) == SubmitOutcome.SUBMITTED
    finally:
        post_save.disconnect(note, sender=Response)
    assert seen == [True]


def test_used_link_cannot_start_again(world: World, open_scan: Scan) -> None:
    invitation = _invitation(open_scan)
    draft_submit(draft=draft_start_for_invitation(invitation=invitation))
    with pytest.raises(LinkUsed):
        draft_start_for_invitation(invitation=invitation)


def test_resume_returns_the_same_draft(world: World, open_scan: Scan) -> None:
    invitation = _invitation(open_scan)
    first = draft_start_for_invitation(invitation=invitation)
    draft_save_answers(draft=first, answers={"def_roles": "2"})
    again = draft_start_for_invitation(invitation=invitation)
    assert again.pk == first.pk
    assert again.answers == {"def_roles": "2"}


def test_open_link_draft_resumes_by_token(world: World, open_scan: Scan) -> None:
    started = draft_start_open(scan=open_scan, language="nl")
    assert started.draft.resume_token_hash != started.resume_token
    found = draft_for_resume_token(token=started.resume_token)
    assert found is not None and found.pk == started.draft.pk
    assert draft_for_resume_token(token="nonsense") is None
    draft_submit(draft=started.draft)
    assert draft_for_resume_token(token=started.resume_token) is None


def test_bad_answers_are_refused_with_every_problem(world: World, open_scan: Scan) -> None:
    draft = draft_start_open(scan=open_scan).draft
    with pytest.raises(AnswerError) as info:
        draft_save_answers(draft=draft, answers={"def_roles": "7", "department": "hr",
                                                 "nope": "1", "segment": "x"})
    # segment is off for this scan, so it is not a question of it
    assert set(info.value.problems) == {"def_roles", "department", "nope", "segment"}
    draft.refresh_from_db()
    assert draft.answers == {}


def test_closed_scan_takes_no_answers(world: World, open_scan: Scan) -> None:
    draft = draft_start_open(scan=open_scan).draft
    scan_close(scan=open_scan, actor=world.owner)
    with pytest.raises(ScanNotOpen):
        draft_save_answers(draft=draft, answers={"def_roles": "3"})
    with pytest.raises(ScanNotOpen):
        draft_submit(draft=draft)
    with pytest.raises(ScanNotOpen):
        draft_start_open(scan=open_scan)


def test_draft_scan_takes_no_answers(world: World) -> None:
    with pytest.raises(ScanNotOpen):
        draft_start_open(scan=world.scan)


def test_submitted_records_build_a_response_set(world: World, open_scan: Scan) -> None:
    for dept in ("sales", "marketing", "service"):
        draft = draft_start_open(scan=open_scan).draft
        draft_save_answers(draft=draft, answers={"department": dept, "def_roles": "5"})
        draft_submit(draft=draft)
    records = submitted_records(scan=open_scan)
    rs = ResponseSet.from_records(open_scan.instrument, "full", records,
                                  settings=open_scan.settings)
    assert rs.n == 3
    assert sorted(rs.department) == ["marketing", "sales", "service"]
