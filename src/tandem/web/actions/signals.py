"""Receivers of the actions app.

Every new organisation starts with the starter glossary, so nobody begins from a blank
page (the terms that cause disputes are exactly the ones people forget to list); and the
PDF report of ``tandem.web.results`` asks here for the organisation's action plan.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from tandem.report.action_plan import PlanItem
from tandem.web.actions.selectors import plan_items
from tandem.web.actions.services import glossary_seed
from tandem.web.organisations.models import Organisation
from tandem.web.results.signals import action_plan_wanted


@receiver(post_save, sender=Organisation, dispatch_uid="actions_glossary_seed")
def _seed_glossary(sender: type[Organisation], instance: Organisation, created: bool,
                   raw: bool = False, **kwargs: Any) -> None:
    if created and not raw:
        glossary_seed(organisation=instance)


@receiver(action_plan_wanted, dispatch_uid="actions_plan_for_report")
def _plan_for_report(sender: type[Organisation], organisation: Organisation,
                     **kwargs: Any) -> list[PlanItem]:
    return plan_items(organisation=organisation)
