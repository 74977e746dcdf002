"""Reads of API tokens: the token behind a secret, an organisation's tokens."""

from __future__ import annotations

import hashlib

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from tandem.web.api.models import TOKEN_PREFIX, ApiToken
from tandem.web.organisations.models import Membership, Organisation


def token_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def token_for_secret(*, secret: str) -> tuple[ApiToken, Membership] | None:
    """The active token with this secret and its user's current membership, or None
    (unknown, revoked, expired, user inactive, or no longer a member)."""
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
        return None
    token = (ApiToken.objects.select_related("user", "organisation")
             .filter(token_hash=token_hash(secret), revoked_at__isnull=True,
                     expires_at__gt=timezone.now()).first())
    if token is None or not token.user.is_active:
        return None
    membership = (Membership.objects.select_related("organisation", "user")
                  .filter(user=token.user, organisation=token.organisation).first())
    return None if membership is None else (token, membership)


def tokens_of(*, organisation: Organisation) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(organisation=organisation).select_related("user")


def token_get(*, organisation: Organisation, token_id: int) -> ApiToken:
    token = ApiToken.objects.filter(organisation=organisation, pk=token_id).first()
    if token is None:
        raise Http404("token not found")
    return token
