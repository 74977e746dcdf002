"""The audit log (the aggregates kept after raw responses are purged are
``tandem.web.results.models.KeptResult``).

It holds no respondent data. :class:`AuditEvent` refers to its organisation and
object by number only (no foreign key), so the record of a deletion outlives what was
deleted; it keeps a copy of the actor's e-mail address for the same reason.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    EXPORT = "export", _("exported")
    DELETE = "delete", _("deleted")
    PURGE = "purge", _("purged raw responses")
    BACKUP = "backup", _("made a backup")
    RESTORE = "restore", _("restored a backup")
    RETENTION = "retention", _("changed the retention period")
    API = "api", _("called the API")
    IMPORT = "import", _("imported answers")
    SSO_LOGIN = "sso_login", _("signed in with single sign-on")
    SSO_SETTINGS = "sso_settings", _("changed single sign-on")


class AuditEvent(models.Model):
    """Who did what to which object, and when (never any answer or respondent data)."""

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                              null=True, blank=True, related_name="+")
    actor_email = models.CharField(_("who"), max_length=254, blank=True)
    action = models.CharField(_("what"), max_length=12, choices=AuditAction.choices)
    organisation_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    object_type = models.CharField(_("object type"), max_length=40, blank=True)
    object_id = models.CharField(_("object"), max_length=64, blank=True)
    detail = models.CharField(_("detail"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ("-at", "-pk")
        constraints: ClassVar = [
            models.CheckConstraint(condition=models.Q(action__in=AuditAction.values),
                                   name="auditevent_action_valid"),
        ]

    def __str__(self) -> str:
        who = self.actor_email or "system"
        return f"{self.at:%Y-%m-%d %H:%M} {who} {self.action} {self.object_type} {self.object_id}"
