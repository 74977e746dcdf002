"""What the results pages read besides the answers: the kept result and the owner's target.

- :class:`KeptResult`: a closed scan's diagnosis (the core's Result as JSON), kept when
  the retention period purges the raw answers (``tandem.web.governance`` writes it).
- :class:`TargetOverride`: an owner's own target phase for a closed scan, with the
  written reason, who and when. Rows are never changed: the newest one counts, the
  older ones are the history (``tandem.web.actions`` writes it).

Both models were moved here from governance and actions, which build on results; their
tables keep their old names (``db_table``), so the move changed no data.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tandem.web.scans.models import Scan


class KeptResult(models.Model):
    """A closed scan's diagnosis (the core's Result as JSON), kept when raw answers go."""

    scan = models.OneToOneField(Scan, on_delete=models.CASCADE, related_name="kept_result")
    # JSON text, not a JSONField: PostgreSQL's jsonb reorders object keys, and the order
    # of a result's dicts (answer options, blocks) is the order the pages show them in.
    result = models.TextField()
    responses = models.PositiveIntegerField()
    invited = models.PositiveIntegerField(default=0)
    purged_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "governance_keptresult"
        verbose_name = _("kept result")
        verbose_name_plural = _("kept results")

    def __str__(self) -> str:
        return f"kept result of scan {self.scan_id}"


class TargetOverride(models.Model):
    scan = models.ForeignKey(Scan, on_delete=models.CASCADE, related_name="target_overrides")
    phase = models.PositiveSmallIntegerField(_("target phase"))
    reason = models.TextField(_("reason"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                           related_name="+")
    by_email = models.EmailField()  # kept when the user is deleted
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "actions_targetoverride"
        ordering = ("-at", "-pk")
        constraints: ClassVar = [
            models.CheckConstraint(condition=models.Q(phase__gte=1, phase__lte=4),
                                   name="target_override_phase_1_4"),
        ]

    def __str__(self) -> str:
        return f"{self.scan}: phase {self.phase} by {self.by_email}"
