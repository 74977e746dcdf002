"""Reads scoped to the requesting user's memberships (no membership: 404)."""

from __future__ import annotations

from django.db.models import OuterRef, QuerySet, Subquery
from django.http import Http404

from tandem.web.accounts.models import User
from tandem.web.organisations.models import Membership, Organisation


def organisations_for_user(*, user: User) -> QuerySet[Organisation]:
    """The organisations the user is a member of, each annotated with ``role``."""
    role = Membership.objects.filter(organisation=OuterRef("pk"), user=user).values("role")[:1]
    return (
        Organisation.objects.filter(memberships__user=user)
        .annotate(role=Subquery(role))
        .order_by("name", "pk")
    )


def membership_get(*, user: User, organisation_id: int) -> Membership:
    """The user's membership of the organisation, or 404 (never reveal it exists)."""
    membership = (
        Membership.objects.select_related("organisation")
        .filter(user=user, organisation_id=organisation_id)
        .first()
    )
    if membership is None:
        raise Http404("organisation not found")
    return membership


def members_of(*, organisation: Organisation) -> QuerySet[Membership]:
    return Membership.objects.filter(organisation=organisation).select_related("user").order_by(
        "user__email"
    )


def owner_count(*, organisation: Organisation) -> int:
    return Membership.objects.filter(organisation=organisation, role="owner").count()
