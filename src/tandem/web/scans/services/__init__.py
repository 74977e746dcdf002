"""Writes on scans and invitations: atomic, keyword-only, ``<entity>_<action>``.

Permission checks happen in the views; the services guard the scan's own rules
(status transitions, what is fixed once a scan has opened).

One module per job: :mod:`.lifecycle` (settings, status transitions, the open link),
:mod:`.invitation_lists` (reading a pasted list of people), :mod:`.invitation_files`
(the text of an uploaded one) and
:mod:`.invitations` (creating, exporting, withdrawing invitations and queueing their
e-mails). Callers import from here (``from tandem.web.scans import services``).
"""

from __future__ import annotations

# Issuing a personal link's token is the models' (the e-mail task issues them too);
# callers have always found it here.
from tandem.web.scans.models import invitation_issue_token
from tandem.web.scans.services.invitation_files import (
    INVITATION_FILE_SUFFIXES,
    invitation_file_text,
)
from tandem.web.scans.services.invitation_lists import (
    MAX_INVITATIONS_PER_PASTE,
    InvitationEntry,
    InvitationList,
    InvitationListError,
    department_codes,
    invitation_parse_list,
    invitation_read_list,
)
from tandem.web.scans.services.invitations import (
    BulkResult,
    ExportedLink,
    invitation_bulk_create,
    invitation_delete,
    invitation_links_export,
    invitations_send,
)
from tandem.web.scans.services.lifecycle import (
    EDITABLE_FIELDS,
    LEADS_TO,
    LOCKED_FIELDS,
    ScanRuleError,
    meta_perception_problem,
    scan_close,
    scan_create,
    scan_disable_open_link,
    scan_enable_open_link,
    scan_open,
    scan_reopen,
    scan_transition_problem,
    scan_update,
)

__all__ = [
    "EDITABLE_FIELDS", "INVITATION_FILE_SUFFIXES", "LEADS_TO", "LOCKED_FIELDS",
    "MAX_INVITATIONS_PER_PASTE",
    "BulkResult", "ExportedLink", "InvitationEntry", "InvitationList", "InvitationListError",
    "ScanRuleError",
    "department_codes", "invitation_bulk_create", "invitation_delete", "invitation_file_text",
    "invitation_issue_token", "invitation_links_export", "invitation_parse_list",
    "invitation_read_list", "invitations_send", "meta_perception_problem", "scan_close",
    "scan_create",
    "scan_disable_open_link", "scan_enable_open_link", "scan_open", "scan_reopen",
    "scan_transition_problem", "scan_update",
]
