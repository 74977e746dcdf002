"""Writes of single sign-on: an owner's settings, and a person signing in through them.

:func:`sso_sign_in` gets claims that :mod:`tandem.web.sso.oidc` has already verified
(signature, issuer, audience, expiry, nonce) and decides what they allow, in this order;
the first rule that fails refuses with its :class:`~tandem.web.sso.models.Refusal`, and
a refusal creates nothing:

1. single sign-on is still switched on for the organisation;
2. the e-mail address is at one of the organisation's domains, and
3. the provider vouches for it (``email_verified`` is JSON ``true``: a provider that lets
   people type any address would otherwise sign them in as anyone at the domain);
4. the role: the values of the role claim that the mapping names give the highest of
   their roles (owner > facilitator > viewer), which the membership takes, also when it
   existed. With no mapped value a new member gets the default role and an existing one
   keeps theirs; with "refuse" as the default nobody without a mapped value gets in.
   A claim never demotes the organisation's last owner (that would lock it out of its
   own settings): the owner stays owner and a warning is logged;
5. the account: the one with this address, or a new one without a usable password, which
   signs in through the provider (Tandem mails no password reset to such an account).
   Operator accounts (staff: the admin of every organisation) and switched-off accounts
   are refused: no organisation's provider may vouch for them;
6. the sign-in is written to the audit log (governance), with whether the account or the
   membership is new.

The session this leads to reaches this organisation only (``organisations.auth``): an
owner vouches for the addresses at the domains they list, so their provider must not
open other organisations the same address belongs to. That is also why listing a domain
needs no proof of owning it here: a provider that signs in ``ceo@example.com`` without
being example.com's only reaches the organisation that configured it.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.web.accounts.models import User, normalise_email
from tandem.web.governance.models import AuditAction
from tandem.web.governance.services import audit_record
from tandem.web.organisations.models import Membership, Organisation, Role
from tandem.web.organisations.services import LastOwnerError, membership_set_role
from tandem.web.sso.models import Refusal, SingleSignOn

logger = logging.getLogger(__name__)

ROLE_ORDER = (Role.OWNER, Role.FACILITATOR, Role.VIEWER)


class SettingsError(ValueError):
    """Settings an owner may not save; the message is for them."""


class SignInRefused(Exception):  # noqa: N818 - a refusal is the normal answer, not a bug
    def __init__(self, refusal: Refusal) -> None:
        super().__init__(refusal.value)
        self.refusal = refusal


@dataclass(frozen=True, slots=True)
class SsoSettings:
    """What the settings page sends; an empty ``client_secret`` keeps the stored one."""

    enabled: bool
    issuer: str
    client_id: str
    client_secret: str
    scopes: str
    domains: tuple[str, ...]
    role_claim: str
    role_map: dict[str, str] = field(default_factory=dict)
    default_role: str = Role.VIEWER
    password_login: bool = True


@dataclass(frozen=True, slots=True)
class SignIn:
    user: User
    membership: Membership
    new_account: bool
    new_membership: bool


@transaction.atomic
def sso_save(*, organisation: Organisation, by: User, settings: SsoSettings,
             proven: bool) -> SingleSignOn:
    """Store the organisation's single sign-on and whether passwords still work.

    Password login can only be switched off while single sign-on is on, and only by an
    owner whose session signed in through it (``proven``): a typo in the issuer or the
    client must not lock every member out. Switching single sign-on off switches
    password login back on.
    """
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    current = SingleSignOn.objects.filter(organisation=organisation).first()
    secret = settings.client_secret or (current.client_secret if current else "")
    if settings.enabled and not secret:
        raise SettingsError(_("Enter the client secret your identity provider gave you."))
    password_login = settings.password_login or not settings.enabled
    if not password_login and organisation.password_login and not proven:
        raise SettingsError(_(
            "Sign in through your organisation's single sign-on once before you switch "
            "password login off: then Tandem knows the settings work and nobody is locked "
            "out."))
    sso = current or SingleSignOn(organisation=organisation)
    sso.enabled = settings.enabled
    sso.issuer = settings.issuer.strip()
    sso.client_id = settings.client_id.strip()
    sso.client_secret = secret
    sso.scopes = " ".join(settings.scopes.split())
    sso.domains = sorted({d.strip().lower().lstrip("@") for d in settings.domains if d.strip()})
    sso.role_claim = settings.role_claim.strip()
    sso.role_map = {k: v for k, v in settings.role_map.items() if v in ROLE_ORDER}
    sso.default_role = settings.default_role
    sso.updated_at = timezone.now()
    sso.updated_by = by
    sso.full_clean(exclude=["organisation"])
    sso.save()
    if organisation.password_login != password_login:
        organisation.password_login = password_login
        organisation.save(update_fields=["password_login"])
    audit_record(action=AuditAction.SSO_SETTINGS, actor=by, organisation_id=organisation.pk,
                 object_type="singlesignon", object_id=sso.pk,
                 detail=(f"{'on' if sso.enabled else 'off'}; issuer {sso.issuer}; "
                         f"domains {', '.join(sso.domains)}; "
                         f"password login {'on' if password_login else 'off'}"))
    return sso


def role_from_claims(sso: SingleSignOn, claims: Mapping[str, Any]) -> str | None:
    """The highest role the role claim's values map to, or None (no claim, no mapped
    value). The claim may hold one string or a list of them (groups)."""
    if not sso.role_claim:
        return None
    value = claims.get(sso.role_claim)
    values = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    mapped = {sso.role_map.get(v) for v in values if isinstance(v, str)}
    return next((role for role in ROLE_ORDER if role in mapped), None)


def _refuse(refusal: Refusal, sso: SingleSignOn, domain: str = "") -> SignInRefused:
    logger.warning("single sign-on refused: %s (organisation %s, domain %s)", refusal.value,
                   sso.organisation_id, domain or "-")
    return SignInRefused(refusal)


def sso_sign_in(*, sso: SingleSignOn, claims: Mapping[str, Any]) -> SignIn:
    """The account and membership verified ``claims`` sign in (module docstring), or
    :class:`SignInRefused`."""
    if not sso.enabled:
        raise _refuse(Refusal.NOT_ENABLED, sso)
    raw = claims.get("email")
    if not isinstance(raw, str) or raw.count("@") != 1 or not raw.split("@")[0]:
        raise _refuse(Refusal.NO_EMAIL, sso)
    email = normalise_email(raw)
    domain = email.rsplit("@", 1)[1]
    if not sso.allows_domain(domain):
        raise _refuse(Refusal.DOMAIN, sso, domain)
    if claims.get("email_verified") is not True:
        raise _refuse(Refusal.UNVERIFIED, sso, domain)
    role = role_from_claims(sso, claims)
    if role is None and not sso.default_role:
        raise _refuse(Refusal.NO_ROLE, sso, domain)
    return _sign_in(sso, email, role, claims)


@transaction.atomic
def _sign_in(sso: SingleSignOn, email: str, role: str | None,
             claims: Mapping[str, Any]) -> SignIn:
    user = User.objects.select_for_update().filter(email=email).first()
    new_account = user is None
    if user is None:
        name = claims.get("name")
        user = User.objects.create_user(email, password=None,
                                        name=name.strip()[:150] if isinstance(name, str) else "")
    elif user.is_staff or user.is_superuser:
        raise _refuse(Refusal.OPERATOR, sso)
    elif not user.is_active:
        raise _refuse(Refusal.INACTIVE, sso)
    membership = (Membership.objects.select_for_update()
                  .filter(organisation_id=sso.organisation_id, user=user).first())
    new_membership = membership is None
    if membership is None:
        membership = Membership.objects.create(organisation_id=sso.organisation_id, user=user,
                                               role=role or sso.default_role)
    elif role is not None and role != membership.role:
        try:
            membership = membership_set_role(membership=membership, role=role)
        except LastOwnerError:
            logger.warning("single sign-on: organisation %s keeps its last owner although "
                           "the role claim says %s", sso.organisation_id, role)
    audit_record(action=AuditAction.SSO_LOGIN, actor=user, organisation_id=sso.organisation_id,
                 object_type="user", object_id=user.pk,
                 detail=(f"role {membership.role}"
                         + ("; new account" if new_account else "")
                         + ("; new member" if new_membership and not new_account else "")))
    return SignIn(user, membership, new_account, new_membership)
