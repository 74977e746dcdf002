"""The checklist's panel on the organisation's home page (organisations cannot read
scans, answers or the action plan, so it asks through ``home_panels_wanted``)."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from tandem.web.checklist.pages import checklist_rows
from tandem.web.checklist.selectors import first_steps
from tandem.web.organisations.models import Membership
from tandem.web.organisations.permissions import Action, role_may
from tandem.web.organisations.signals import Panel, home_panels_wanted


@receiver(home_panels_wanted, dispatch_uid="checklist_first_steps")
def first_steps_panel(sender: type[Membership], membership: Membership,
                      **_kwargs: Any) -> Panel | None:
    """The first-run checklist, for those who run scans (owners and facilitators)."""
    if not role_may(membership.role, Action.MANAGE_SCANS):
        return None
    organisation = membership.organisation
    checklist = first_steps(organisation=organisation)
    return Panel("checklist/_checklist.html", {
        "checklist": checklist,
        "rows": checklist_rows(checklist, org_id=organisation.pk),
    })
