"""An organisation's single sign-on: its OpenID Connect provider and who it may let in.

One row per organisation (:class:`SingleSignOn`). The client secret is kept, because
every sign-in exchanges a code with it at the provider; it is never shown again in
full (:meth:`SingleSignOn.secret_hint`), like a webhook's signing secret. Whether
members may still use a password is the organisation's own ``password_login``
(``tandem.web.organisations``), which every organisation page enforces.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from tandem.web.accounts.models import User
from tandem.web.organisations.models import Organisation, Role

DEFAULT_SCOPES = "openid email profile"


class Refusal(models.TextChoices):
    """Why a sign-in through single sign-on did not happen; the label is what the person
    reads. No refusal creates an account or a membership."""

    UNKNOWN = "unknown", _(
        "No organisation signs in through single sign-on with that address or name. "
        "Log in with your password, or ask the owner of your organisation in Tandem.")
    AMBIGUOUS = "ambiguous", _(
        "More than one organisation signs in with addresses at this domain: enter the "
        "short name of your organisation in Tandem instead.")
    STATE = "state", _(
        "This sign-in was not started here, was started in another browser, or took too "
        "long, so Tandem cannot trust it. Please start again.")
    PROVIDER = "provider", _(
        "Your organisation's sign-in service did not sign you in: it reported an error, "
        "could not be reached, or its answer did not pass Tandem's checks. Please try "
        "again, or ask your IT department.")
    NOT_ENABLED = "not_enabled", _(
        "Single sign-on is switched off for this organisation. Log in with your password.")
    NO_EMAIL = "no_email", _(
        "Your organisation's sign-in service did not tell Tandem your e-mail address.")
    DOMAIN = "domain", _(
        "Your e-mail address is not at one of the domains this organisation lets in "
        "through single sign-on, so Tandem made no account for it.")
    UNVERIFIED = "unverified", _(
        "Your organisation's sign-in service has not verified your e-mail address, so "
        "Tandem cannot let you in. Ask your IT department to verify it.")
    NO_ROLE = "no_role", _(
        "Your organisation's sign-in service gives you no role in Tandem. Ask the owner of "
        "your organisation in Tandem.")
    OPERATOR = "operator", _(
        "This is a Tandem operator account: it logs in with its password, never through "
        "an organisation's sign-in service.")
    INACTIVE = "inactive", _("This account is switched off. Ask the owner of your "
                             "organisation in Tandem.")

    @property
    def status(self) -> int:
        """The HTTP status of the refusal page."""
        return {"state": 400, "provider": 502}.get(self.value, 403)
#: Roles a member without a mapped claim value may get: never owner by default.
DEFAULT_ROLES = (Role.VIEWER, Role.FACILITATOR)


class SingleSignOn(models.Model):
    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE,
                                        related_name="single_sign_on")
    enabled = models.BooleanField(_("enabled"), default=False)
    # Blank while single sign-on is off and not set up yet; the form asks them to switch on.
    issuer = models.URLField(_("issuer URL"), max_length=300, blank=True)
    client_id = models.CharField(_("client ID"), max_length=200, blank=True)
    client_secret = models.CharField(max_length=500, blank=True)
    scopes = models.CharField(_("scopes"), max_length=200, default=DEFAULT_SCOPES)
    #: Lower-case e-mail domains whose addresses this provider may sign in.
    domains = models.JSONField(default=list)
    #: The claim that carries roles or groups ("" = no mapping) and its values → roles.
    role_claim = models.CharField(_("role claim"), max_length=100, blank=True)
    role_map = models.JSONField(default=dict)
    #: The role of a new member with no mapped value; "" refuses them.
    default_role = models.CharField(_("default role"), max_length=12, blank=True,
                                    default=Role.VIEWER)
    updated_at = models.DateTimeField()
    updated_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        verbose_name = _("single sign-on")
        verbose_name_plural = _("single sign-on")
        constraints = (
            models.CheckConstraint(
                condition=models.Q(default_role__in=["", *DEFAULT_ROLES]),
                name="sso_default_role_valid"),
        )

    def __str__(self) -> str:
        return f"{self.organisation} → {self.issuer}"

    def secret_hint(self) -> str:
        """The secret as the page may show it: its last four characters at most."""
        if not self.client_secret:
            return ""
        tail = self.client_secret[-4:] if len(self.client_secret) >= 12 else ""
        return f"••••{tail}"

    def allows_domain(self, domain: str) -> bool:
        return domain.lower() in self.domains
