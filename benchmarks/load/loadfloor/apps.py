from django.apps import AppConfig


class LoadFloorConfig(AppConfig):
    name = "loadfloor"
    default_auto_field = "django.db.models.BigAutoField"
