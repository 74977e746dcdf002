from django.contrib import admin

from tandem.web.scans.models import Invitation, Scan, ScanEvent


class ScanEventInline(admin.TabularInline[ScanEvent, Scan]):
    model = ScanEvent
    extra = 0
    readonly_fields = ("kind", "actor", "actor_email", "at")
    can_delete = False


@admin.register(Scan)
class ScanAdmin(admin.ModelAdmin[Scan]):
    list_display = ("title", "organisation", "status", "form", "k", "created_at")
    list_filter = ("status", "form")
    search_fields = ("title", "organisation__name")
    readonly_fields = ("instrument_id", "instrument_version", "first_opened_at",
                       "open_token", "access_code")
    inlines = (ScanEventInline,)


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin[Invitation]):
    list_display = ("email", "scan", "department", "sent_at", "reminded_at")
    list_filter = ("scan__organisation",)
    search_fields = ("email", "scan__title")
    # finished_at is shown to operators only through aggregate figures.
    exclude = ("finished_at",)
