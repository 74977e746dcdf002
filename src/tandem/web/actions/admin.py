"""Operators' view of the action plan; customers use the app's own pages."""

from django.contrib import admin

from tandem.web.actions.models import (
    Action,
    DecisionRightsVersion,
    GlossaryChange,
    GlossaryTerm,
    SlaActual,
    SlaCommitment,
)


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin[Action]):
    list_display = ("title", "organisation", "status", "due_date", "step")
    list_filter = ("status",)
    search_fields = ("title", "organisation__name")


@admin.register(DecisionRightsVersion)
class DecisionRightsVersionAdmin(admin.ModelAdmin[DecisionRightsVersion]):
    list_display = ("organisation", "number", "by_email", "at")
    readonly_fields = ("organisation", "number", "matrix", "note", "scan", "by", "by_email",
                       "at")


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(admin.ModelAdmin[GlossaryTerm]):
    list_display = ("term_en", "organisation", "owner", "version")
    search_fields = ("term_en", "term_nl", "organisation__name")


@admin.register(GlossaryChange)
class GlossaryChangeAdmin(admin.ModelAdmin[GlossaryChange]):
    list_display = ("term", "organisation", "status", "proposed_by_email", "proposed_at")
    list_filter = ("status",)


@admin.register(SlaCommitment)
class SlaCommitmentAdmin(admin.ModelAdmin[SlaCommitment]):
    list_display = ("description", "organisation", "owner", "target_value", "unit")


@admin.register(SlaActual)
class SlaActualAdmin(admin.ModelAdmin[SlaActual]):
    list_display = ("commitment", "month", "value", "recorded_by_email", "recorded_at")
