from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActionsConfig(AppConfig):
    """From diagnosis to action: target override, action plan and the tools of each step."""

    name = "tandem.web.actions"
    label = "actions"
    verbose_name = _("Action plan")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # A new organisation gets the starter glossary at once ("pre-filled").
        from tandem.web.actions import signals  # noqa: F401
