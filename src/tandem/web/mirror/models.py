"""The customer mirror of a scan: its links and the customers' anonymous answers.

* :class:`Mirror`: one per scan; the questionnaire version it runs, the general link
  (the customer picks the stage) and whether it is closed.
* :class:`MirrorLink`: the open link of one journey stage.
* :class:`MirrorAnswer`: one customer's answers about one stage. Nothing else: no time,
  no address, no link it came by, no language, no cookie. Which link an answer came by
  is not kept, so no figure per link can exist to be subtracted from a stage's figure.
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models

from tandem.web.scans.models import Scan


class Mirror(models.Model):
    scan = models.OneToOneField(Scan, on_delete=models.CASCADE, related_name="mirror")
    questionnaire = models.CharField(max_length=50)  # e.g. customer-mirror-1
    token = models.CharField(max_length=64, unique=True)  # the general "after a contact" link
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"customer mirror of scan {self.scan_id}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class MirrorLink(models.Model):
    mirror = models.ForeignKey(Mirror, on_delete=models.CASCADE, related_name="links")
    stage = models.CharField(max_length=40)
    token = models.CharField(max_length=64, unique=True)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["mirror", "stage"], name="mirror_link_one_per_stage"),
        ]

    def __str__(self) -> str:
        return f"{self.stage} link of mirror {self.mirror_id}"


class MirrorAnswer(models.Model):
    mirror = models.ForeignKey(Mirror, on_delete=models.CASCADE, related_name="answers")
    stage = models.CharField(max_length=40)
    values = models.JSONField()  # statement id -> 1-5, or null for "don't know"

    def __str__(self) -> str:
        return f"answer about {self.stage} in mirror {self.mirror_id}"
