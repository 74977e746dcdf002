"""Writes of the customer mirror: create it for a scan, take a customer's answers, close it.

Each verb is atomic and trusts its caller for the role; what a customer posts is
checked here (its stage and statements must be the questionnaire's, each answer 1-5
or "don't know"), because the customer's page is open to anyone with the link.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.db import transaction
from django.utils import timezone

from tandem.instrument.customer import DEFAULT_QUESTIONNAIRE, LIKERT_VALUES, load_questionnaire
from tandem.web.mirror.models import Mirror, MirrorAnswer, MirrorLink
from tandem.web.scans.models import Scan, new_token


class MirrorRefusedError(Exception):
    """The change cannot be made (the reason is in the message, for the facilitator)."""


class AnswerRefusedError(Exception):
    """The customer's answers are not valid for this mirror (closed, wrong stage or values)."""


@transaction.atomic
def mirror_create(*, scan: Scan) -> Mirror:
    """A mirror for ``scan``, with one open link per journey stage and a general link."""
    if not scan.instrument.stages:
        raise MirrorRefusedError("this scan does not ask about the customer journey")
    if Mirror.objects.filter(scan=scan).exists():
        raise MirrorRefusedError("this scan has a customer mirror already")
    questionnaire = load_questionnaire(DEFAULT_QUESTIONNAIRE)
    mirror = Mirror.objects.create(scan=scan, questionnaire=questionnaire.name,
                                   token=new_token())
    MirrorLink.objects.bulk_create(
        MirrorLink(mirror=mirror, stage=stage, token=new_token())
        for stage in questionnaire.stages
    )
    return mirror


def mirror_close(*, mirror: Mirror) -> None:
    """Close the mirror: its links stop taking answers, and its figures may be shown."""
    if mirror.closed_at is None:
        mirror.closed_at = timezone.now()
        mirror.save(update_fields=["closed_at"])


def answer_submit(*, mirror: Mirror, stage: str,
                  values: Mapping[str, int | None]) -> MirrorAnswer:
    """Keep one customer's answers about ``stage``: only the answers themselves."""
    if not mirror.is_open:
        raise AnswerRefusedError("closed")
    questionnaire = load_questionnaire(mirror.questionnaire)
    if stage not in questionnaire.stages:
        raise AnswerRefusedError("stage")
    statements = {s.id for s in questionnaire.statements_for(stage)}
    if set(values) - statements:
        raise AnswerRefusedError("statement")
    if any(v is not None and v not in LIKERT_VALUES for v in values.values()):
        raise AnswerRefusedError("value")
    if all(v is None for v in values.values()):
        raise AnswerRefusedError("empty")
    return MirrorAnswer.objects.create(
        mirror=mirror, stage=stage, values={sid: values.get(sid) for sid in sorted(statements)})
