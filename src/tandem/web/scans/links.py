"""Absolute links to the respondent's survey.

The survey app owns its URLs; these names are the contract with it:
``survey:invitation`` (kwarg ``token``), ``survey:open`` (kwarg ``token``) and
``survey:code`` (the access-code entry page). Until they exist the documented paths
below are used, so e-mails and exports never break.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import NoReverseMatch, reverse


def _absolute(name: str, fallback: str, **kwargs: str) -> str:
    try:
        path = reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        path = fallback
    return f"{settings.TANDEM_BASE_URL}{path}"


def invitation_url(token: str) -> str:
    return _absolute("survey:invitation", f"/s/i/{token}/", token=token)


def open_link_url(token: str) -> str:
    return _absolute("survey:open", f"/s/o/{token}/", token=token)


def access_code_url() -> str:
    return _absolute("survey:code", "/s/")
