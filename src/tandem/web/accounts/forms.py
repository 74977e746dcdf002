from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from tandem.web.accounts import ratelimit


class EmailAuthenticationForm(AuthenticationForm):
    """Django's login form, by e-mail, with a rate limit in front of the password check."""

    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    error_messages = {  # noqa: RUF012 - Django reads it as a class attribute
        **AuthenticationForm.error_messages,
        "invalid_login": _("That e-mail address and password do not match an account."),
        "rate_limited": _(
            "Too many failed attempts. Please wait a quarter of an hour and try again."
        ),
    }

    def clean(self) -> dict[str, Any]:
        email = self.cleaned_data.get("username") or ""
        if email and ratelimit.is_blocked(self.request, email):
            raise forms.ValidationError(
                self.error_messages["rate_limited"], code="rate_limited"
            )
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            if email:
                ratelimit.record_failure(self.request, email)
            raise
        ratelimit.record_success(self.request, email)
        return cleaned
