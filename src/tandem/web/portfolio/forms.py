"""The portfolio's forms: a scan template, and the list's filter and order."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tandem.target import phase_label
from tandem.web.accounts.models import User
from tandem.web.portfolio.models import MAX_DAYS_OPEN, ScanTemplate
from tandem.web.portfolio.selectors import template_name_taken
from tandem.web.scans.forms import ScanSettingsForm


class ScanTemplateForm(ScanSettingsForm):
    """A scan's settings under a name (the scan form's own fields and checks), without
    dates: a template says how many days each scan started from it stays open."""

    name = forms.CharField(label=_("Name of the template"), max_length=100)
    days_open = forms.IntegerField(
        label=_("Open for (days)"), required=False, min_value=1, max_value=MAX_DAYS_OPEN,
        help_text=_("A scan started from this template closes this many days after the day "
                    "you start it. Empty: no closing date."))
    field_order = ("name", "title")

    def __init__(self, *args: Any, owner: User, template: ScanTemplate | None = None,
                 **kwargs: Any) -> None:
        if template is not None and "initial" not in kwargs:
            kwargs["initial"] = template.scan_settings() | {"name": template.name,
                                                       "days_open": template.days_open}
        super().__init__(*args, **kwargs)
        self.owner, self.template = owner, template
        del self.fields["opens_on"], self.fields["closes_on"]
        self.fields["title"].label = _("Title of each new scan")
        self.fields["title"].help_text = _("You can change it when you start a scan.")

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"].strip()
        if template_name_taken(user=self.owner, name=name, template=self.template):
            raise forms.ValidationError(_("You already have a template with this name."))
        return name


class PortfolioQueryForm(forms.Form):
    """What the portfolio's list shows and in which order (a GET form; anything it does
    not know is ignored and the list shows everything by name)."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"), required=False,
        choices=[("", _("Every status")), ("open", _("Scan open")),
                 ("draft", _("Scan in preparation")), ("closed", _("Last scan closed")),
                 ("none", _("No scan yet"))])
    phase = forms.ChoiceField(label=_("Phase"), required=False)
    sort = forms.ChoiceField(label=_("Order"), required=False, choices=[
        ("name", _("Name, A to Z")), ("-name", _("Name, Z to A")),
        ("phase", _("Phase, lowest first")), ("-phase", _("Phase, highest first")),
        ("target", _("Target, lowest first")), ("-target", _("Target, highest first")),
        ("-wave", _("Last wave, newest first")), ("wave", _("Last wave, oldest first")),
        ("rate", _("Response rate, lowest first")), ("-rate", _("Response rate, highest first")),
        ("status", _("Status, open scans first")), ("-status", _("Status, open scans last")),
    ])

    def __init__(self, *args: Any, lang: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        phase = self.fields["phase"]
        assert isinstance(phase, forms.ChoiceField)
        phase.choices = [("", _("Every phase")),
                         *((str(n), phase_label(n)(lang)) for n in range(1, 5)),
                         ("withheld", _("Withheld: too few respondents")),
                         ("unknown", _("No phase yet"))]

    def query(self) -> dict[str, str]:
        """The valid choices, empty ones left out."""
        if not self.is_valid():
            return {}
        return {k: v.strip() for k, v in self.cleaned_data.items() if v and v.strip()}
