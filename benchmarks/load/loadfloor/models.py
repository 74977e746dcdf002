from django.db import models


class Hit(models.Model):
    """One row per request."""

    marker = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "loadfloor"
        db_table = "loadfloor_hit"

    def __str__(self) -> str:
        return self.marker
