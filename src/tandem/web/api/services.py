"""Writes of API tokens (no permission checks: the views and the command decide)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from tandem.web.accounts.models import User
from tandem.web.api.models import PREFIX_LENGTH, TOKEN_PREFIX, ApiToken
from tandem.web.api.selectors import token_hash
from tandem.web.organisations.models import Organisation

DEFAULT_DAYS = 90
MAX_DAYS = 366


@dataclass(frozen=True, slots=True)
class NewToken:
    token: ApiToken
    secret: str  # shown once, never stored


@transaction.atomic
def token_create(*, organisation: Organisation, user: User, name: str = "",
                 write: bool = False, days: int = DEFAULT_DAYS) -> NewToken:
    if not 1 <= days <= MAX_DAYS:
        raise ValueError(f"a token lives 1 to {MAX_DAYS} days")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    now = timezone.now()
    token = ApiToken.objects.create(
        organisation=organisation, user=user, name=name.strip()[:100] or "API",
        prefix=secret[:PREFIX_LENGTH], token_hash=token_hash(secret), write=write,
        created_at=now, expires_at=now + timedelta(days=days))
    return NewToken(token, secret)


@transaction.atomic
def token_revoke(*, token: ApiToken) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def token_used(*, token: ApiToken) -> None:
    """Note the call; written at most once a minute per token to spare the database."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
