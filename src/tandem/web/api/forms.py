from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class TokenForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100,
                           help_text=_("What the token is for, e.g. the CRM link."))
    write = forms.BooleanField(label=_("May also write (create scans, invitations, actions)"),
                               required=False)
    days = forms.TypedChoiceField(
        label=_("Expires after"), coerce=int, initial=90,
        choices=[(30, _("30 days")), (90, _("90 days")), (180, _("180 days")),
                 (365, _("365 days"))])
