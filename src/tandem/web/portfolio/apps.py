from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortfolioConfig(AppConfig):
    name = "tandem.web.portfolio"
    label = "portfolio"
    verbose_name = _("Portfolio")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from tandem.web.portfolio import signals  # noqa: F401  (connects the receivers)
