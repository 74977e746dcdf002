"""Every new organisation starts with the starter glossary, so nobody begins from a
blank page (the terms that cause disputes are exactly the ones people forget to list)."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from tandem.web.organisations.models import Organisation


@receiver(post_save, sender=Organisation, dispatch_uid="actions_glossary_seed")
def _seed_glossary(sender: type[Organisation], instance: Organisation, created: bool,
                   raw: bool = False, **kwargs: Any) -> None:
    if created and not raw:
        from tandem.web.actions.services import glossary_seed

        glossary_seed(organisation=instance)
