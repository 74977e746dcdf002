"""Reads of the portfolio: the organisations a consultant serves, each with its last wave.

A consultant serves an organisation when their membership of it has the role
``consultant`` (``organisations.models.Role``); who has none is no consultant, and the
portfolio's pages answer 404 as an organisation does to a non-member.

Every figure is the scan's stored result, the one every results page renders
(:func:`tandem.web.results.selectors.stored_result`, with the owner's target), and its
response rate the one the overview shows (``scans.selectors.scan_response_rates``),
so the portfolio can never disagree with the pages it links to. A diagnosis takes
seconds; a portfolio of fifty organisations must not wait for fifty, so results not yet
computed are computed here only within a time budget, and the rest say they are being
prepared (a scan closing in a served organisation queues its own: ``signals``).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Max, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from tandem.context import ContextError
from tandem.contract.result import Result, ResultFormatError
from tandem.privacy import RateTable
from tandem.responses import ResponseDataError
from tandem.web.accounts.models import User
from tandem.web.actions.models import FINISHED, Action, ActionStatus
from tandem.web.organisations.models import Membership, Organisation, Role
from tandem.web.portfolio.models import ScanTemplate
from tandem.web.results.selectors import shown_result, stored_result
from tandem.web.scans.models import Scan, ScanEventKind, ScanStatus
from tandem.web.scans.selectors import scan_response_rates

logger = logging.getLogger(__name__)

#: Seconds a portfolio page may spend computing diagnoses nobody has computed yet.
PREPARE_SECONDS = 8.0


@dataclass(frozen=True, slots=True)
class Progress:
    """The organisation's action plan: actions not dropped, done, and late."""

    total: int = 0
    done: int = 0
    late: int = 0


@dataclass(frozen=True, slots=True)
class Client:
    """One organisation a consultant serves: a row of the portfolio, a column of the
    comparison. ``result`` is None without a closed scan, while it is being prepared
    or when it could not be computed; ``reachable`` is False when the organisation
    admits its members through its single sign-on only and this session used a password
    (then nothing of it is shown, as its own pages show nothing)."""

    organisation: Organisation
    reachable: bool
    last: Scan | None = None  # the last wave: the latest closed scan
    closed_at: datetime | None = None
    result: Result | None = None
    rates: RateTable | None = None
    preparing: bool = False
    failed: bool = False
    current: Scan | None = None  # an open scan, else the newest draft
    progress: Progress = Progress()


def served_organisations(*, user: User, only: int | None = None) -> QuerySet[Organisation]:
    """The organisations the user serves as consultant, by name; ``only`` narrows them to
    the one whose single sign-on signed the session in."""
    served = Organisation.objects.filter(memberships__user=user,
                                         memberships__role=Role.CONSULTANT)
    if only is not None:
        served = served.filter(pk=only)
    return served.order_by("name", "pk")


def is_consultant(*, user: User, only: int | None = None) -> bool:
    return served_organisations(user=user, only=only).exists()


def serves(*, organisation: Organisation) -> bool:
    """Whether any consultant serves the organisation."""
    return Membership.objects.filter(organisation=organisation, role=Role.CONSULTANT).exists()


def _progress(ids: list[int]) -> dict[int, Progress]:
    today = timezone.localdate()
    rows = (
        Action.objects.filter(organisation_id__in=ids).values("organisation_id")
        .annotate(total=Count("pk", filter=~Q(status=ActionStatus.DROPPED)),
                  done=Count("pk", filter=Q(status=ActionStatus.DONE)),
                  late=Count("pk", filter=Q(due_date__lt=today) & ~Q(status__in=FINISHED)))
    )
    return {r["organisation_id"]: Progress(r["total"], r["done"], r["late"]) for r in rows}


def _scans(ids: list[int]) -> dict[int, list[Scan]]:
    """Each organisation's scans, newest first, with the time each last closed."""
    scans = (
        Scan.objects.filter(organisation_id__in=ids, pulse_of__isnull=True)
        .select_related("organisation")
        .annotate(closed_at=Max("events__at", filter=Q(events__kind=ScanEventKind.CLOSED)))
        .order_by("-created_at", "-pk")
    )
    out: dict[int, list[Scan]] = {i: [] for i in ids}
    for scan in scans:
        out[scan.organisation_id].append(scan)
    return out


class _Clock:
    """The time left for computing diagnoses (None: no limit)."""

    def __init__(self, seconds: float | None) -> None:
        self.deadline = None if seconds is None else time.monotonic() + seconds

    def left(self) -> bool:
        return self.deadline is None or time.monotonic() < self.deadline


def _result(scan: Scan, clock: _Clock) -> tuple[Result | None, bool, bool]:
    """(result, preparing, failed): the stored result, or computed while time is left."""
    result = stored_result(scan=scan)
    if result is not None:
        return result, False, False
    if not clock.left():
        return None, True, False
    try:
        return shown_result(scan=scan), False, False
    except (ResponseDataError, ContextError, ResultFormatError):
        logger.exception("results of scan %s could not be computed", scan.pk)
        return None, False, True


def _client(organisation: Organisation, reachable: bool, scans: list[Scan],
            progress: Progress, clock: _Clock) -> Client:
    if not reachable:
        return Client(organisation, reachable=False)
    closed = [s for s in scans if s.status == ScanStatus.CLOSED]
    current = next((s for s in scans if s.status == ScanStatus.OPEN),
                   next((s for s in scans if s.status == ScanStatus.DRAFT), None))
    if not closed:
        return Client(organisation, True, current=current, progress=progress)
    last = closed[0]
    result, preparing, failed = _result(last, clock)
    return Client(organisation, True, last=last, closed_at=getattr(last, "closed_at", None),
                  result=result, rates=scan_response_rates(scan=last), preparing=preparing,
                  failed=failed, current=current, progress=progress)


def clients(*, user: User, only: int | None = None, ids: Iterable[int] | None = None,
            budget: float | None = PREPARE_SECONDS) -> list[Client]:
    """The organisations the user serves (or those of ``ids``; 404 if one is not served
    or not reachable), each with its last wave; ``budget`` seconds at most go to
    computing results not yet stored (None: no limit)."""
    served = list(served_organisations(user=user, only=only))
    through_sso = only is not None
    if ids is not None:
        wanted = list(dict.fromkeys(ids))
        by_id = {o.pk: o for o in served if through_sso or o.password_login}
        if any(i not in by_id for i in wanted):
            raise Http404("organisation not found")
        served = [by_id[i] for i in wanted]
    pks = [o.pk for o in served]
    scans, progress, clock = _scans(pks), _progress(pks), _Clock(budget)
    return [_client(o, through_sso or o.password_login, scans[o.pk],
                    progress.get(o.pk, Progress()), clock) for o in served]


def templates_of(*, user: User) -> QuerySet[ScanTemplate]:
    return ScanTemplate.objects.filter(owner=user).order_by("name", "pk")


def template_get(*, user: User, template_id: int) -> ScanTemplate:
    """One of the user's own templates, or 404 (another user's template does not exist)."""
    template = ScanTemplate.objects.filter(owner=user, pk=template_id).first()
    if template is None:
        raise Http404("template not found")
    return template


def template_name_taken(*, user: User, name: str, template: ScanTemplate | None) -> bool:
    others = ScanTemplate.objects.filter(owner=user, name=name)
    if template is not None:
        others = others.exclude(pk=template.pk)
    return others.exists()
