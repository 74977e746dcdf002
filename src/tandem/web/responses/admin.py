from django.contrib import admin

from tandem.web.responses.models import Response


@admin.register(Response)
class ResponseAdmin(admin.ModelAdmin[Response]):
    """Operators can inspect stored answers; nothing here links them to a person."""

    list_display = ("id", "scan", "form", "language", "status", "submitted_on")
    list_filter = ("status", "form", "language")
    readonly_fields = ("scan", "instrument_id", "instrument_version", "form", "language",
                       "answers", "status", "submitted_on")
