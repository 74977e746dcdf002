"""API tokens: one user in one organisation, read or read-write, stored only as a hash.

A token is ``tdm_`` and 43 characters of ``secrets.token_urlsafe(32)`` (256 random
bits). Only its SHA-256 is stored: a password hasher (PBKDF2, Argon2) slows down guessing
of low-entropy secrets chosen by people, but nobody can guess 256 random bits, and a
plain hash lets every API call find its token with one indexed lookup instead of
running a deliberately slow function per request. The first 12 characters (the prefix)
are kept in clear so the settings page and the audit log can name a token.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tandem.web.organisations.models import Organisation

# A marker at the start of every token (so scanners can spot a leaked one), not a secret.
TOKEN_PREFIX = "tdm_"  # noqa: S105  # nosec B105
PREFIX_LENGTH = 12


class ApiToken(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="api_tokens")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("token starts with"), max_length=PREFIX_LENGTH)
    token_hash = models.CharField(max_length=64, unique=True)
    write = models.BooleanField(_("may write"), default=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ("-created_at", "-pk")
        indexes: ClassVar = [models.Index(fields=("organisation", "user"))]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def is_active(self, now: object = None) -> bool:
        moment = now if now is not None else timezone.now()
        return self.revoked_at is None and self.expires_at > moment  # type: ignore[operator]
