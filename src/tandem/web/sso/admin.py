from django.contrib import admin
from django.forms import ModelForm
from django.http import HttpRequest

from tandem.web.sso.models import SingleSignOn


@admin.register(SingleSignOn)
class SingleSignOnAdmin(admin.ModelAdmin[SingleSignOn]):
    """For operators: switch a broken provider off, and password login comes back on for
    the organisation (its owners may be locked out otherwise). The secret is not shown."""

    list_display = ("organisation", "enabled", "issuer", "updated_at")
    list_filter = ("enabled",)
    search_fields = ("organisation__name", "issuer")
    fields = ("organisation", "enabled", "issuer", "client_id", "scopes", "domains",
              "role_claim", "role_map", "default_role", "updated_at", "updated_by")
    readonly_fields = ("organisation", "updated_at", "updated_by")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # an owner sets single sign-on up on the organisation's page

    def save_model(self, request: HttpRequest, obj: SingleSignOn, form: ModelForm[SingleSignOn],
                   change: bool) -> None:
        super().save_model(request, obj, form, change)
        if not obj.enabled and not obj.organisation.password_login:
            obj.organisation.password_login = True
            obj.organisation.save(update_fields=["password_login"])
