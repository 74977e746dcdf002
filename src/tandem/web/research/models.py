"""Research: an organisation's consent to the research pool, its code there, and the
pools made from it.

* :class:`Consent`: one row per grant or revocation, never changed: the newest row of an
  organisation says whether it is in the pool now, the older ones are the history (who,
  when, and for a grant the text agreed to, in the language it was shown in).
* :class:`ResearchCode`: the organisation's pseudonymous code in every pool: random,
  made at its first consent and kept, so it is stable across waves and consents and
  cannot be worked out from the organisation's id, slug or name.
* :class:`Pool`: one pooled data set as made for a researcher (format, language, who,
  when, which scans), and :class:`PoolPart`: the ZIP of a pool made in the background,
  in parts of at most :data:`PART_BYTES`, so every app server streams it from the
  database (docs/deployment.md: what changes lives in the database). A pool keeps what
  it held when it was made; it is deleted :data:`POOL_KEEP_DAYS` days later.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tandem.web.organisations.models import Organisation

#: The version of the consent text below; a new wording gets the next number.
CONSENT_VERSION = 1
PART_BYTES = 1024 * 1024
POOL_KEEP_DAYS = 7


def consent_text() -> str:
    """The text an owner agrees to, in the active language (version CONSENT_VERSION)."""
    return gettext(
        "We agree that our organisation's closed scans join Tandem's research pool, for "
        "research on how Sales, Marketing and Customer Service work together. The pool "
        "holds the anonymised answers of respondents in groups of at least the scan's "
        "anonymity threshold, under a random code for our organisation, with our sector, "
        "our number of employees (as a band), the wave, the language of each answer and "
        "the month the scan closed. It never holds comments, open answers, names, e-mail "
        "addresses or exact dates. Researchers with Tandem's research permission may "
        "download it, and benchmarks place other organisations' scores among those of the "
        "consenting organisations, only where at least 5 organisations and 100 "
        "respondents stand behind the comparison. We may "
        "withdraw at any time: from then on our scans are in no new pool and no "
        "benchmark; a pool made before keeps what it held."
    )


class Consent(models.Model):
    """One grant (``granted``) or revocation of an organisation's research consent."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="research_consents")
    granted = models.BooleanField()
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                           related_name="+")
    by_email = models.EmailField()  # kept when the user is deleted
    text_version = models.PositiveSmallIntegerField(null=True, blank=True)  # of a grant
    text = models.TextField(blank=True)  # the text agreed to, as it was shown
    language = models.CharField(max_length=5, blank=True)

    class Meta:
        ordering = ("-at", "-pk")
        verbose_name = _("research consent")
        verbose_name_plural = _("research consents")
        indexes: ClassVar = [models.Index(fields=("organisation", "-at", "-id"))]

    def __str__(self) -> str:
        what = "granted" if self.granted else "revoked"
        return f"{self.organisation} {what} by {self.by_email} at {self.at:%Y-%m-%d %H:%M}"


class ResearchCode(models.Model):
    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE,
                                        related_name="research_code")
    code = models.CharField(max_length=16, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.code


class PoolStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("being made")
    READY = "ready", _("ready")
    FAILED = "failed", _("failed")
    STREAMED = "streamed", _("downloaded as it was made")
    EXPIRED = "expired", _("deleted after a week")


class Pool(models.Model):
    """One pooled data set as made for a researcher."""

    fmt = models.CharField(max_length=4)
    language = models.CharField(max_length=5)
    status = models.CharField(max_length=10, choices=PoolStatus.choices,
                              default=PoolStatus.QUEUED)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                     null=True, related_name="+")
    requested_email = models.EmailField()
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    scans = models.JSONField(default=list)  # the ids of the scans it was made from
    organisations = models.PositiveIntegerField(default=0)  # with rows in it
    respondents = models.PositiveIntegerField(default=0)
    size = models.PositiveBigIntegerField(default=0)
    downloads = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ("-created_at", "-pk")
        permissions: ClassVar = [("export_pool", "Can export the research pool")]

    def __str__(self) -> str:
        return f"pool {self.pk} ({self.fmt}, {self.status})"


class PoolPart(models.Model):
    pool = models.ForeignKey(Pool, on_delete=models.CASCADE, related_name="parts")
    number = models.PositiveIntegerField()
    data = models.BinaryField()

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=("pool", "number"), name="pool_part_unique")]

    def __str__(self) -> str:
        return f"part {self.number} of pool {self.pool_id}"
