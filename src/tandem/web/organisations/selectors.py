"""Reads scoped to the requesting user's memberships (no membership: 404)."""

from __future__ import annotations

from django.db.models import OuterRef, QuerySet, Subquery
from django.http import Http404

from tandem.web.accounts.models import User
from tandem.web.organisations.models import Membership, Organisation


def organisations_for_user(*, user: User, only: int | None = None) -> QuerySet[Organisation]:
    """The organisations the user is a member of, each annotated with ``role``; ``only``
    narrows them to one (a session signed in through that organisation's single sign-on,
    ``organisations.auth.signed_in_through``)."""
    role = Membership.objects.filter(organisation=OuterRef("pk"), user=user).values("role")[:1]
    mine = Organisation.objects.filter(memberships__user=user)
    if only is not None:
        mine = mine.filter(pk=only)
    return (
        mine
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


def member_with_email(*, organisation: Organisation, email: str) -> User | None:
    """The member of ``organisation`` with this e-mail address (any case), if any."""
    membership = (Membership.objects.filter(organisation=organisation,
                                            user__email__iexact=email.strip())
                  .select_related("user").first())
    return membership.user if membership is not None else None


def owner_count(*, organisation: Organisation) -> int:
    return Membership.objects.filter(organisation=organisation, role="owner").count()


def password_login_refused(*, user: User) -> bool:
    """Whether a correct password must still not log this user in: every organisation
    they are a member of has switched password login off (a user without memberships,
    or with one organisation that allows passwords, may log in with a password; the
    pages of an organisation without password login still ask its single sign-on)."""
    memberships = Membership.objects.filter(user=user)
    return memberships.exists() and not memberships.filter(
        organisation__password_login=True).exists()
