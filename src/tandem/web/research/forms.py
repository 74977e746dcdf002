from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tandem.report.research.files import FORMATS

FORMAT_NAMES = {"sav": _("SPSS (.sav)"), "dta": _("Stata (.dta)"), "csv": _("CSV")}


class ConsentForm(forms.Form):
    agree = forms.BooleanField(label=_("I agree to the text above on behalf of the organisation"))


class PoolForm(forms.Form):
    fmt = forms.ChoiceField(label=_("Format"), choices=[(f, FORMAT_NAMES[f]) for f in FORMATS])
    language = forms.ChoiceField(label=_("Language of the labels"),
                                 choices=[("nl", _("Dutch")), ("en", _("English"))])
