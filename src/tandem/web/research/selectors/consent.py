"""Who consented to research: an organisation's newest consent row decides."""

from __future__ import annotations

from django.db.models import OuterRef, QuerySet, Subquery

from tandem.web.organisations.models import Organisation
from tandem.web.research.models import Consent


def consent_history(*, organisation: Organisation) -> QuerySet[Consent]:
    """Every grant and revocation of the organisation, newest first."""
    return Consent.objects.filter(organisation=organisation).order_by("-at", "-pk")


def consent_current(*, organisation: Organisation) -> Consent | None:
    """The organisation's consent if it stands now (its newest row is a grant), else None."""
    newest = consent_history(organisation=organisation).first()
    return newest if newest is not None and newest.granted else None


def consenting_organisations() -> QuerySet[Organisation]:
    """The organisations in the research pool now: their newest consent row is a grant."""
    newest = Consent.objects.filter(organisation=OuterRef("pk")).order_by("-at", "-pk")
    return Organisation.objects.annotate(
        consented=Subquery(newest.values("granted")[:1])).filter(consented=True)
