"""The form that sets up a webhook."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from tandem.web.webhooks.models import SUBSCRIBABLE

LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})


class WebhookForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100,
                           help_text=_("For example: Slack #sales-marketing."))
    url = forms.URLField(label=_("Address (URL)"), max_length=500, assume_scheme="https",
                         help_text=_("The incoming-webhook address your system (Slack, "
                                     "Microsoft Teams, your CRM) gave you."))
    events = forms.MultipleChoiceField(
        label=_("Tell it when"), widget=forms.CheckboxSelectMultiple,
        choices=[(e.value, e.label) for e in SUBSCRIBABLE],
        initial=[e.value for e in SUBSCRIBABLE])

    def clean_url(self) -> str:
        url: str = self.cleaned_data["url"]
        parts = urlsplit(url)
        local = (parts.hostname or "") in LOCAL_HOSTS
        if parts.scheme != "https" and not (local and parts.scheme == "http") and not getattr(
                settings, "TANDEM_WEBHOOKS_ALLOW_HTTP", False):
            raise forms.ValidationError(_("Use an https:// address: messages are sent over "
                                          "the network and must be encrypted."))
        return url

    def clean(self) -> dict[str, Any]:
        return super().clean() or {}
