from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    """Data protection: audit log, deleting data, retention, backup and restore."""

    name = "tandem.web.governance"
    label = "governance"
    verbose_name = _("Data protection")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Downloads in the apps below are announced by a signal and audited here.
        from tandem.web.governance import signals  # noqa: F401
