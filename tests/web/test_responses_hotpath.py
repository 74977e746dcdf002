"""The survey's prepared statements read and write exactly what the ORM reads and writes
(JSON, dates, date-times, booleans and nulls), on SQLite and on PostgreSQL."""

from __future__ import annotations

import datetime as dt

from conftest import World
from django.forms.models import model_to_dict
from django.utils import timezone

from tandem.web.responses.hotpath import one_by, update_by_pk
from tandem.web.responses.models import Draft
from tandem.web.responses.services import draft_consent, draft_start_open
from tandem.web.scans.models import Scan


def _fields(obj: object) -> dict[str, object]:
    return {f.attname: getattr(obj, f.attname) for f in type(obj)._meta.concrete_fields}  # type: ignore[attr-defined]


def test_one_by_reads_what_get_reads(world: World, open_scan: Scan) -> None:
    Scan.objects.filter(pk=open_scan.pk).update(
        opens_on=dt.date(2026, 1, 5), closes_on=None, should_decide=True,
        languages=["en", "nl"])
    started = draft_start_open(scan=open_scan, language="en")
    draft = draft_consent(draft=started.draft)
    Draft.objects.filter(pk=draft.pk).update(answers={"def_roles": "3", "open_change": "é ☃"})

    for model, column, value in ((Draft, "resume_token_hash", draft.resume_token_hash),
                                 (Draft, "id", draft.pk), (Scan, "id", open_scan.pk)):
        expected = model.objects.get(**{column: value})  # type: ignore[attr-defined]
        found = one_by(model, column, value)
        assert found is not None and type(found) is model
        assert _fields(found) == _fields(expected)
        assert not found._state.adding
    found_draft = one_by(Draft, "id", draft.pk)
    assert found_draft is not None
    assert found_draft.answers == {"def_roles": "3", "open_change": "é ☃"}
    assert isinstance(found_draft.consented_at, dt.datetime)
    assert found_draft.consented_at.tzinfo is not None
    scan = one_by(Scan, "id", open_scan.pk)
    assert scan is not None and scan.opens_on == dt.date(2026, 1, 5)
    assert scan.closes_on is None and scan.should_decide is True
    assert scan.languages == ["en", "nl"]
    assert one_by(Draft, "resume_token_hash", "no such hash") is None
    assert one_by(Draft, "id", draft.pk, lock=True) is not None


def test_update_by_pk_writes_what_save_writes(world: World, open_scan: Scan) -> None:
    draft = draft_start_open(scan=open_scan, language="nl").draft
    when = timezone.now().replace(microsecond=123456)
    answers = {"department": "sales", "open_change": "Een \"quote\" en 'nog een'"}
    assert update_by_pk(Draft, draft.pk, {"answers": answers, "language": "en",
                                          "last_section": "ladder-2", "updated_at": when}) == 1
    stored = Draft.objects.get(pk=draft.pk)
    assert (stored.answers, stored.language, stored.last_section) == (answers, "en", "ladder-2")
    assert stored.updated_at == when

    again = Draft.objects.get(pk=draft.pk)  # the same values through save()
    again.answers, again.updated_at = answers, when
    again.save()
    assert model_to_dict(Draft.objects.get(pk=draft.pk)) == model_to_dict(stored)
    assert update_by_pk(Draft, 999_999, {"language": "nl"}) == 0
