from django.contrib import admin

from tandem.web.organisations.models import Membership, Organisation


class MembershipInline(admin.TabularInline[Membership, Organisation]):
    model = Membership
    extra = 0
    autocomplete_fields = ("user",)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin[Organisation]):
    list_display = ("name", "employees", "market", "password_login", "created_at")
    search_fields = ("name",)
    inlines = (MembershipInline,)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin[Membership]):
    list_display = ("organisation", "user", "role", "created_at")
    list_filter = ("role",)
    search_fields = ("organisation__name", "user__email")
    autocomplete_fields = ("user", "organisation")
