from django.contrib import admin

from tandem.web.portfolio.models import ScanTemplate


@admin.register(ScanTemplate)
class ScanTemplateAdmin(admin.ModelAdmin[ScanTemplate]):
    list_display = ("name", "owner", "instrument_name", "form", "k", "updated_at")
    search_fields = ("name", "owner__email")
