"""Reads on scans and invitations, always within an organisation the user belongs to."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from tandem.privacy import RateTable, response_rates
from tandem.web.organisations.models import Organisation
from tandem.web.scans.models import Invitation, InvitationToken, Scan, hash_token


def scans_of(*, organisation: Organisation) -> QuerySet[Scan]:
    return Scan.objects.filter(organisation=organisation).order_by("-created_at", "-pk")


def submitted_count(*, scan: Scan) -> int:
    """How many responses were submitted (``responses`` builds on scans, so by the relation)."""
    return scan.responses.filter(status="submitted").count()


def scan_get(*, organisation: Organisation, scan_id: int) -> Scan:
    """A scan of this organisation, or 404 (also for another organisation's scan)."""
    scan = Scan.objects.filter(organisation=organisation, pk=scan_id).first()
    if scan is None:
        raise Http404("scan not found")
    return scan


def invitations_of(*, scan: Scan) -> QuerySet[Invitation]:
    return Invitation.objects.filter(scan=scan).order_by("email")


def invitation_get(*, scan: Scan, invitation_id: int) -> Invitation:
    invitation = Invitation.objects.filter(scan=scan, pk=invitation_id).first()
    if invitation is None:
        raise Http404("invitation not found")
    return invitation


def invitation_for_token(*, token: str) -> Invitation | None:
    """The invitation a personal link points at (None for an unknown token).

    For the survey flow: check ``finished_at`` (used link) and ``scan.accepts_answers()``.
    """
    if not token or len(token) > 200:
        return None
    row = (
        InvitationToken.objects.select_related("invitation__scan__organisation")
        .filter(token_hash=hash_token(token))
        .first()
    )
    return row.invitation if row else None


def scan_for_open_token(*, token: str) -> Scan | None:
    if not token or len(token) > 200:
        return None
    return Scan.objects.filter(open_token=token).first()


def scan_for_access_code(*, code: str) -> Scan | None:
    """The scan with this access code (case and spaces ignored)."""
    normalised = "".join(code.split()).upper()
    if not normalised:
        return None
    return Scan.objects.filter(access_code=normalised).first()


def invitation_counts(*, scan: Scan) -> dict[str, int]:
    """How many invited, sent, reminded; ``finished`` only ever used through k rules."""
    return Invitation.objects.filter(scan=scan).aggregate(
        invited=Count("pk"),
        sent=Count("pk", filter=Q(sent_at__isnull=False)),
        unsent=Count("pk", filter=Q(sent_at__isnull=True)),
        reminded=Count("pk", filter=Q(reminded_at__isnull=False)),
        unfinished_sent=Count("pk", filter=Q(sent_at__isnull=False, finished_at__isnull=True)),
    )


def scan_response_rates(*, scan: Scan) -> RateTable:
    """Response rates per invited department, pooled and withheld below k."""
    rows = (
        Invitation.objects.filter(scan=scan)
        .values("department")
        .annotate(invited=Count("pk"), finished=Count("pk", filter=Q(finished_at__isnull=False)))
    )
    counts = {r["department"]: (r["invited"], r["finished"]) for r in rows}
    return response_rates(counts, scan.k)
