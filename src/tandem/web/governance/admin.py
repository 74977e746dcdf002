from django.contrib import admin
from django.http import HttpRequest

from tandem.web.governance.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin[AuditEvent]):
    """Read-only for operators: an audit log nobody can edit from the web."""

    list_display = ("at", "actor_email", "action", "organisation_id", "object_type",
                    "object_id", "detail")
    list_filter = ("action", "object_type")
    search_fields = ("actor_email", "detail", "object_id")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

