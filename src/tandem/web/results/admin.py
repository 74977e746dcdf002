"""Operators' view of what the results pages read besides the answers (read-only)."""

from django.contrib import admin

from tandem.web.results.models import KeptResult, TargetOverride


@admin.register(KeptResult)
class KeptResultAdmin(admin.ModelAdmin[KeptResult]):
    list_display = ("scan", "responses", "invited", "purged_at")
    readonly_fields = ("scan", "result", "responses", "invited", "purged_at")


@admin.register(TargetOverride)
class TargetOverrideAdmin(admin.ModelAdmin[TargetOverride]):
    list_display = ("scan", "phase", "by_email", "at")
    readonly_fields = ("scan", "phase", "reason", "by", "by_email", "at")
