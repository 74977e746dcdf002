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
    IMPORT_RESPONSES = "import_responses"  # answers collected outside Tandem, from a file
    EXPORT_RESPONSES = "export_responses"  # the anonymised answers themselves: owners only
    VIEW_RESEARCH = "view_research"  # psychometrics of a scan, for consultants and researchers
    # The meeting kit: the deck for the management meeting and the workshop view the
    # facilitator runs in it (tandem.report.deck, tandem.web.actions).
    RUN_MEETING = "run_meeting"
    # The action plan and its tools (tandem.web.actions).
    VIEW_ACTIONS = "view_actions"  # target, roadmap, plan, matrix, glossary, SLA
    MANAGE_ACTIONS = "manage_actions"  # create/edit actions
    SET_TARGET = "set_target"  # override the computed target phase
    AGREE_DECISION_RIGHTS = "agree_decision_rights"  # save a new RACI version
    PROPOSE_GLOSSARY = "propose_glossary"  # any member, from Sales or Marketing alike
    DECIDE_GLOSSARY = "decide_glossary"  # approve or reject a proposal
    MANAGE_SLA = "manage_sla"
    # The funnel beside the scan (tandem.web.funnel): CRM exports, imported like answers.
    VIEW_FUNNEL = "view_funnel"
    IMPORT_FUNNEL = "import_funnel"
    # Data protection (tandem.web.governance): owners only.
    VIEW_AUDIT = "view_audit"
    DELETE_DATA = "delete_data"  # delete the organisation or a scan with all its data
    MANAGE_RETENTION = "manage_retention"
    # Connections to the organisation's systems (tandem.web.webhooks): owners only.
    MANAGE_INTEGRATIONS = "manage_integrations"
    # Single sign-on: the organisation's identity provider and who it may let in
    # (tandem.web.sso): owners only.
    MANAGE_SSO = "manage_sso"
    # Research consent: whether the organisation's scans join the research pool and the
    # benchmarks (tandem.web.research): owners only.
    MANAGE_RESEARCH = "manage_research"


#: Running the scan and the work after it: scans, invitations, imports, results, the
#: action plan and its tools; not members, raw answers, deletion or integrations.
FACILITATION = frozenset(
    {Action.VIEW_ORGANISATION, Action.VIEW_RESULTS, Action.EDIT_ORGANISATION,
     Action.MANAGE_SCANS, Action.IMPORT_RESPONSES, Action.VIEW_RESEARCH, Action.RUN_MEETING,
     Action.VIEW_ACTIONS, Action.MANAGE_ACTIONS,
     Action.AGREE_DECISION_RIGHTS, Action.PROPOSE_GLOSSARY, Action.MANAGE_SLA,
     Action.VIEW_FUNNEL, Action.IMPORT_FUNNEL}
)

ROLE_ACTIONS: dict[str, frozenset[Action]] = {
    Role.OWNER: frozenset(Action),
    Role.FACILITATOR: FACILITATION,
    # A consultant does a facilitator's work in each organisation it serves; an owner
    # of the organisation grants and withdraws the role like any other.
    Role.CONSULTANT: FACILITATION,
    Role.VIEWER: frozenset({Action.VIEW_ORGANISATION, Action.VIEW_RESULTS, Action.VIEW_ACTIONS,
                            Action.PROPOSE_GLOSSARY, Action.VIEW_FUNNEL}),
}


def role_may(role: str, action: Action) -> bool:
    return action in ROLE_ACTIONS.get(role, frozenset())
