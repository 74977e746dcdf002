from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MirrorConfig(AppConfig):
    name = "tandem.web.mirror"
    label = "mirror"
    verbose_name = _("Customer mirror")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from tandem.web.mirror import signals  # noqa: F401  (connects the receivers)
