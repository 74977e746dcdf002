from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tandem.web.organisations.models import Organisation


class ConfirmNameForm(forms.Form):
    """Type the exact name of what will be deleted."""

    name = forms.CharField(label=_("Type the name to confirm"), max_length=200,
                           widget=forms.TextInput(attrs={"autocomplete": "off"}))

    def __init__(self, *args: Any, expected: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.expected = expected

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"]
        if name.strip() != self.expected.strip():
            raise forms.ValidationError(_("The name does not match; nothing was deleted."),
                                        code="mismatch")
        return name


class RetentionForm(forms.ModelForm[Organisation]):
    class Meta:
        model = Organisation
        fields = ("retention_months",)
