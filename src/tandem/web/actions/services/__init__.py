"""Writes of the action plan and its tools: atomic, keyword-only, no permission checks
(the views decide who may call them; the role table is in organisations/permissions.py).

The rules the management team agreed to live by are enforced here, not in forms, so
every way in (a view, the admin, a script, a test) obeys them: a RACI matrix has exactly
one Accountable and at least one Responsible per decision area; a target override needs
a written reason and never goes below the current phase; the glossary changes only
through an approved proposal; an action always has an owner.

One module per job, as the pages: :mod:`.plan` (the target override and the actions),
:mod:`.decision_rights`, :mod:`.glossary`, :mod:`.sla`; :mod:`._common` holds the error
they all raise. Callers import from here (``from tandem.web.actions import services``).
"""

from __future__ import annotations

from tandem.web.actions.services._common import ActionsRuleError
from tandem.web.actions.services.decision_rights import (
    PARTIES,
    RACI_VALUES,
    decision_rights_agree,
    decision_rights_problems,
)
from tandem.web.actions.services.glossary import (
    glossary_change_approve,
    glossary_change_propose,
    glossary_change_reject,
    glossary_seed,
)
from tandem.web.actions.services.plan import (
    ACTION_FIELDS,
    action_create,
    action_delete,
    action_update,
    target_override_set,
)
from tandem.web.actions.services.sla import (
    SLA_FIELDS,
    SlaFields,
    sla_actual_delete,
    sla_actual_record,
    sla_commitment_create,
    sla_commitment_delete,
    sla_commitment_update,
)

__all__ = [
    "ACTION_FIELDS", "PARTIES", "RACI_VALUES", "SLA_FIELDS", "ActionsRuleError", "SlaFields",
    "action_create", "action_delete", "action_update", "decision_rights_agree",
    "decision_rights_problems", "glossary_change_approve", "glossary_change_propose",
    "glossary_change_reject", "glossary_seed", "sla_actual_delete", "sla_actual_record",
    "sla_commitment_create",
    "sla_commitment_delete", "sla_commitment_update", "target_override_set",
]
