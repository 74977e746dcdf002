"""A consultant's scan template: the settings of a scan under a name of their own.

A template belongs to its user, not to an organisation: a consultant starts scans with
it in every organisation they serve (``views.scan_start`` prefills the scan form). It
holds what a scan's settings hold (``tandem.web.scans.models.Scan``), except the dates:
those are the day's, so the template says how many days a scan stays open instead.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, ClassVar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from tandem.privacy import DEFAULT_K, MIN_K
from tandem.web.scans.models import ScanForm

#: The scan settings a template carries, named as the scan's fields.
SCAN_FIELDS = ("title", "instrument_name", "form", "languages", "default_language", "k",
               "should_decide", "segment", "meta_perception")
MAX_DAYS_OPEN = 365


class ScanTemplate(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                              related_name="scan_templates")
    name = models.CharField(_("name"), max_length=100)
    title = models.CharField(_("title of each new scan"), max_length=200)
    instrument_name = models.CharField(_("questionnaire"), max_length=100)
    form = models.CharField(_("form"), max_length=10, choices=ScanForm.choices,
                            default=ScanForm.FULL)
    languages = models.JSONField(_("languages"), default=list)
    default_language = models.CharField(_("default language"), max_length=5, default="nl")
    k = models.PositiveSmallIntegerField(_("anonymity threshold"), default=DEFAULT_K)
    should_decide = models.BooleanField(_("also ask who should decide"), default=False)
    segment = models.BooleanField(_("ask for the part of the organisation"), default=False)
    meta_perception = models.BooleanField(_("ask how the other department would answer"),
                                          default=False)
    days_open = models.PositiveSmallIntegerField(
        _("open for (days)"), null=True, blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_DAYS_OPEN)])
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("scan template")
        verbose_name_plural = _("scan templates")
        ordering = ("name", "pk")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=("owner", "name"), name="scan_template_unique_name"),
            models.CheckConstraint(condition=models.Q(k__gte=MIN_K),
                                   name="scan_template_k_at_least_3"),
            models.CheckConstraint(condition=models.Q(form__in=ScanForm.values),
                                   name="scan_template_form_valid"),
        ]

    def __str__(self) -> str:
        return self.name

    def scan_settings(self) -> dict[str, Any]:
        """The template's scan settings, keyed as the scan's fields."""
        return {name: getattr(self, name) for name in SCAN_FIELDS}

    def scan_initial(self, today: date) -> dict[str, Any]:
        """The new scan's form, filled in: the settings, and the dates from today."""
        closes_on = today + timedelta(days=self.days_open) if self.days_open else None
        return self.scan_settings() | {"opens_on": today if closes_on else None,
                                  "closes_on": closes_on}
