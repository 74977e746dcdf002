from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScansConfig(AppConfig):
    name = "tandem.web.scans"
    label = "scans"
    verbose_name = _("Scans")
    default_auto_field = "django.db.models.BigAutoField"
