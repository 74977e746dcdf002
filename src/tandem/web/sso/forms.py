"""The owner's single sign-on settings and the "sign in with your organisation" form."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from tandem.web.organisations.models import Role
from tandem.web.sso.models import DEFAULT_SCOPES, SingleSignOn
from tandem.web.sso.oidc import url_allowed
from tandem.web.sso.services import ROLE_ORDER, SsoSettings

DOMAIN = re.compile(r"^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
#: Domains where anybody can get an address: listing one would let anybody in.
PUBLIC_MAIL_DOMAINS = frozenset({
    "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com",
    "yahoo.com", "icloud.com", "me.com", "aol.com", "proton.me", "protonmail.com",
    "gmx.com", "gmx.net", "gmx.de", "web.de", "mail.com", "zoho.com", "yandex.com",
    "hotmail.nl", "live.nl", "outlook.nl", "ziggo.nl", "kpnmail.nl", "planet.nl",
    "home.nl", "xs4all.nl", "telenet.be", "skynet.be",
})
ROLE_LINE = re.compile(r"^(?P<value>.+?)\s*[=:]\s*(?P<role>[A-Za-z]+)$")


def _lines(text: str) -> list[str]:
    return [line.strip() for line in re.split(r"[\r\n]+", text) if line.strip()]


class SsoSettingsForm(forms.Form):
    enabled = forms.BooleanField(label=_("Members sign in through single sign-on"),
                                 required=False)
    issuer = forms.CharField(
        label=_("Issuer URL"), max_length=300, required=False,
        help_text=_("The address of your identity provider that its discovery document "
                    "(/.well-known/openid-configuration) names as issuer."))
    client_id = forms.CharField(label=_("Client ID"), max_length=200, required=False)
    client_secret = forms.CharField(
        label=_("Client secret"), max_length=500, required=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}))
    scopes = forms.CharField(
        label=_("Scopes"), max_length=200, initial=DEFAULT_SCOPES,
        help_text=_("Add the scope that makes your provider send the role claim, if it "
                    "needs one (for example groups)."))
    domains = forms.CharField(
        label=_("E-mail domains"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line, for example example.com. Only addresses at these "
                    "domains sign in, and get an account on their first sign-in."))
    role_claim = forms.CharField(
        label=_("Claim with roles or groups"), max_length=100, required=False,
        help_text=_("For example groups or roles. Empty: everybody gets the role below."))
    role_map = forms.CharField(
        label=_("Role mapping"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line: a value of the claim, =, and owner, facilitator or "
                    "viewer. For example: tandem-owners = owner. Someone with several "
                    "values gets the highest role."))
    default_role = forms.ChoiceField(
        label=_("Members without a mapped value"),
        choices=[(Role.VIEWER.value, _("get the role Viewer")),
                 (Role.FACILITATOR.value, _("get the role Facilitator")),
                 ("", _("are refused"))],
        required=False, initial=Role.VIEWER)
    password_login = forms.BooleanField(
        label=_("Members may also log in with a password"), required=False, initial=True,
        help_text=_("Off: members reach this organisation only through single sign-on."))

    def __init__(self, *args: Any, current: SingleSignOn | None, password_login: bool,
                 **kwargs: Any) -> None:
        if current is not None:
            kwargs.setdefault("initial", {
                "enabled": current.enabled, "issuer": current.issuer,
                "client_id": current.client_id, "scopes": current.scopes,
                "domains": "\n".join(current.domains), "role_claim": current.role_claim,
                "role_map": "\n".join(f"{k} = {v}" for k, v in current.role_map.items()),
                "default_role": current.default_role, "password_login": password_login,
            })
        super().__init__(*args, **kwargs)
        self.has_secret = bool(current and current.client_secret)
        if current is not None and self.has_secret:
            self.fields["client_secret"].help_text = _(
                "Stored (%(hint)s) and never shown again. Leave empty to keep it."
            ) % {"hint": current.secret_hint()}

    def clean_issuer(self) -> str:
        issuer: str = self.cleaned_data["issuer"].strip()
        if not issuer:
            return ""
        try:
            URLValidator(schemes=["https", "http"])(issuer)
        except forms.ValidationError as error:
            raise forms.ValidationError(_("Enter the issuer's full address.")) from error
        if not url_allowed(issuer):
            raise forms.ValidationError(_("Use an https:// address: the sign-in and its "
                                          "secret travel over the network."))
        return issuer

    def clean_scopes(self) -> str:
        scopes: str = self.cleaned_data["scopes"]
        if "openid" not in scopes.split():
            raise forms.ValidationError(_("The scopes must include openid."))
        return " ".join(scopes.split())

    def clean_domains(self) -> tuple[str, ...]:
        domains = [line.lower().lstrip("@") for line in
                   _lines(self.cleaned_data["domains"].replace(",", "\n"))]
        for domain in domains:
            if not DOMAIN.match(domain):
                raise forms.ValidationError(_("%(domain)s is not a domain name.")
                                            % {"domain": domain})
            if domain in PUBLIC_MAIL_DOMAINS:
                raise forms.ValidationError(_(
                    "Anybody can get an address at %(domain)s: list your organisation's own "
                    "domains only.") % {"domain": domain})
        return tuple(dict.fromkeys(domains))

    def clean_role_map(self) -> dict[str, str]:
        mapping: dict[str, str] = {}
        for line in _lines(self.cleaned_data["role_map"]):
            match = ROLE_LINE.match(line)
            role = match.group("role").lower() if match else ""
            # A consultant serves from outside: an owner grants that role, never a claim.
            if match is None or role not in ROLE_ORDER:
                raise forms.ValidationError(_(
                    "“%(line)s”: write a value, =, and owner, facilitator or viewer.")
                    % {"line": line})
            mapping[match.group("value").strip()] = role
        return mapping

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("role_map") and not cleaned.get("role_claim"):
            self.add_error("role_claim", _("Name the claim whose values the mapping maps."))
        if cleaned.get("enabled"):
            for name in ("issuer", "client_id", "domains"):
                if name in cleaned and not cleaned[name]:
                    self.add_error(name, _("Needed to switch single sign-on on."))
            if not self.has_secret and not cleaned.get("client_secret"):
                self.add_error("client_secret", _("Needed to switch single sign-on on."))
        elif not cleaned.get("password_login", True):
            self.add_error("password_login", _(
                "Members need a way in: switch single sign-on on, or keep password login."))
        return cleaned

    def settings(self) -> SsoSettings:
        data = self.cleaned_data
        return SsoSettings(
            enabled=data["enabled"], issuer=data["issuer"], client_id=data["client_id"],
            client_secret=data["client_secret"], scopes=data["scopes"],
            domains=data["domains"], role_claim=data["role_claim"], role_map=data["role_map"],
            default_role=data["default_role"], password_login=data["password_login"])


class SsoStartForm(forms.Form):
    identifier = forms.CharField(
        label=_("Your work e-mail address, or your organisation's short name in Tandem"),
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "email", "autocapitalize": "none",
                                      "spellcheck": "false"}))

    def login_hint(self) -> str:
        """The address, for the provider's login form (nothing for a short name)."""
        identifier: str = self.cleaned_data["identifier"].strip()
        return identifier if "@" in identifier else ""
