"""Pages of the action plan and its tools: thin views that parse, call, render.

Reads go through :mod:`selectors` (scoped to the member's organisation: anything else
is a 404), writes through :mod:`services` (which enforce the rules); who may do what
is the role table in ``organisations/permissions.py``, applied by ``org_view``.

One module per page family: :mod:`.plan` (target, roadmap, actions), :mod:`.decision_rights`,
:mod:`.glossary`, :mod:`.sla`, :mod:`.workshop` (the meeting, step by step); what they share
(the page context, the diagnosis, a form's save-or-show-the-rule-errors) is in :mod:`._common`.
The view functions are named here for ``urls.py``.
"""

from __future__ import annotations

from tandem.web.actions.views.decision_rights import (
    decision_rights,
    decision_rights_agree,
    decision_rights_csv,
    decision_rights_pdf,
    decision_rights_version,
)
from tandem.web.actions.views.glossary import (
    glossary,
    glossary_csv,
    glossary_decide,
    glossary_propose,
    glossary_propose_new,
    glossary_seed,
    glossary_term,
)
from tandem.web.actions.views.plan import (
    action_detail,
    action_edit,
    action_from_step,
    action_new,
    action_plan,
    actions_export,
    roadmap,
    target,
    target_override,
)
from tandem.web.actions.views.pulse import pulse_detail, pulse_new
from tandem.web.actions.views.sla import (
    sla,
    sla_actual_delete,
    sla_actual_record,
    sla_commitment,
    sla_csv,
    sla_delete,
    sla_edit,
    sla_new,
)
from tandem.web.actions.views.workshop import workshop, workshop_action

__all__ = [
    "action_detail", "action_edit", "action_from_step", "action_new", "action_plan",
    "actions_export", "decision_rights", "decision_rights_agree", "decision_rights_csv",
    "decision_rights_pdf", "decision_rights_version", "glossary", "glossary_csv",
    "glossary_decide", "glossary_propose", "glossary_propose_new", "glossary_seed",
    "glossary_term", "pulse_detail", "pulse_new", "roadmap", "sla", "sla_actual_delete",
    "sla_actual_record", "sla_commitment",
    "sla_csv", "sla_delete", "sla_edit", "sla_new",
    "target", "target_override", "workshop", "workshop_action",
]
