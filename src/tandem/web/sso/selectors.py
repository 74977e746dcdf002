"""Reads of single sign-on: an organisation's settings, and which provider signs in an
address or organisation short name."""

from __future__ import annotations

from tandem.web.accounts.models import normalise_email
from tandem.web.organisations.models import Organisation
from tandem.web.sso.models import SingleSignOn


def sso_of(*, organisation: Organisation) -> SingleSignOn | None:
    return SingleSignOn.objects.filter(organisation=organisation).first()


def sso_enabled(*, organisation_id: int) -> SingleSignOn | None:
    """The organisation's single sign-on if it is switched on."""
    return (SingleSignOn.objects.select_related("organisation")
            .filter(organisation_id=organisation_id, enabled=True).first())


def sso_find(*, identifier: str) -> list[SingleSignOn]:
    """The switched-on providers for an e-mail address (by its domain) or for an
    organisation's short name (slug). Several for a domain that more than one
    organisation lists; the person then names the organisation."""
    enabled = SingleSignOn.objects.select_related("organisation").filter(enabled=True)
    text = identifier.strip()
    if "@" in text:
        domain = normalise_email(text).rsplit("@", 1)[1]
        # Filtered here, not in SQL: SQLite has no JSON "contains"; the switched-on
        # providers are few (one per organisation at most).
        return [sso for sso in enabled if sso.allows_domain(domain)]
    return list(enabled.filter(organisation__slug=text.lower()))
