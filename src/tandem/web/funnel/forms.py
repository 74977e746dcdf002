"""The upload of a CRM export: the answer file's form (its checks before anything
parses the file) with the kind of export instead of the survey tool."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from tandem.io.crm import KINDS
from tandem.web.responses.forms import ResponseFileForm


def _kind_choices() -> list[tuple[str, Any]]:
    lang = get_language() or "nl"
    return [("", _("Detect from the file")), *((k.name, k.title(lang)) for k in KINDS)]


class CrmFileForm(ResponseFileForm):
    upload = forms.FileField(
        label=_("CRM export (.csv or .xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.tsv,.txt,.xlsx,text/csv"}),
        help_text=_("The export of HubSpot contacts or deals, or of Salesforce leads, "
                    "opportunities, OpportunityHistory or LeadHistory, as it comes."),
    )
    source = None  # type: ignore[assignment]  # the survey tool: not asked here
    kind = forms.ChoiceField(label=_("Kind of export"), choices=_kind_choices, required=False)
