from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class ResultsConfig(AppConfig):
    name = "tandem.web.results"
    label = "results"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Results")

    def ready(self) -> None:
        from tandem.web.results.services import on_scan_event
        from tandem.web.scans.models import ScanEvent

        post_save.connect(on_scan_event, sender=ScanEvent, dispatch_uid="results-forget")
