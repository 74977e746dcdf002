from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FunnelConfig(AppConfig):
    name = "tandem.web.funnel"
    label = "funnel"
    verbose_name = _("Funnel")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from tandem.web.funnel import signals  # noqa: F401  (connects the receivers)
