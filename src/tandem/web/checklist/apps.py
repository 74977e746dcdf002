from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChecklistConfig(AppConfig):
    name = "tandem.web.checklist"
    label = "checklist"
    verbose_name = _("First steps")

    def ready(self) -> None:
        from tandem.web.checklist import signals  # noqa: F401  (connects the receiver)
