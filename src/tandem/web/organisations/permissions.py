"""What each role may do: one table, used by every view and tested as a matrix."""

from __future__ import annotations

from enum import StrEnum

from tandem.web.organisations.models import Role


class Action(StrEnum):
    VIEW_ORGANISATION = "view_organisation"
    VIEW_RESULTS = "view_results"
    EDIT_ORGANISATION = "edit_organisation"
    MANAGE_MEMBERS = "manage_members"
    MANAGE_SCANS = "manage_scans"  # create/edit/open/close scans, invitations
    REOPEN_SCAN = "reopen_scan"


ROLE_ACTIONS: dict[str, frozenset[Action]] = {
    Role.OWNER: frozenset(Action),
    Role.FACILITATOR: frozenset(
        {Action.VIEW_ORGANISATION, Action.VIEW_RESULTS, Action.EDIT_ORGANISATION,
         Action.MANAGE_SCANS}
    ),
    Role.VIEWER: frozenset({Action.VIEW_ORGANISATION, Action.VIEW_RESULTS}),
}


def role_may(role: str, action: Action) -> bool:
    return action in ROLE_ACTIONS.get(role, frozenset())
