"""Signals of the results layer, for the apps built on top of it.

The PDF report ends with the organisation's action plan, which ``tandem.web.actions``
keeps; actions builds on results, so the report asks for the plan with
:data:`action_plan_wanted` instead of importing it. ``tandem.web.actions`` connects
the receiver, which returns the plan's items (the core's ``PlanItem``).
"""

from __future__ import annotations

from typing import cast

from django.dispatch import Signal

from tandem.report.action_plan import PlanItem
from tandem.web.organisations.models import Organisation

# Sent with organisation; each receiver returns a list of PlanItem.
action_plan_wanted = Signal()


def action_plan_items(*, organisation: Organisation) -> list[PlanItem]:
    """The organisation's action plan as the report needs it (empty without one)."""
    items: list[PlanItem] = []
    for _receiver, answer in action_plan_wanted.send(sender=Organisation,
                                                     organisation=organisation):
        items.extend(cast("list[PlanItem]", answer))
    return items
