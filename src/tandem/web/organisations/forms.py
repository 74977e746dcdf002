from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tandem.context import Context, ContextError
from tandem.web.organisations.models import Organisation, Role


class OrganisationForm(forms.ModelForm[Organisation]):
    """Name and context; the core's own validation has the last word."""

    class Meta:
        model = Organisation
        fields = ("name", *Organisation.CONTEXT_FIELDS)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        context = {k: cleaned.get(k) for k in Organisation.CONTEXT_FIELDS}
        try:
            Context.from_mapping({k: (None if v == "" else v) for k, v in context.items()})
        except ContextError as exc:
            raise forms.ValidationError(
                [str(p.en) for p in exc.problems]
            ) from exc
        return cleaned


class MemberAddForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.VIEWER)


class MemberRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
