"""A password login forgets an earlier single sign-on's reach (``organisations.auth``).

``django.contrib.auth.login`` keeps the session's data when the same person logs in
again, so without this a password login after a single sign-on would stay limited to
that one organisation. The single sign-on view sets the key again after its own login.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest

from tandem.web.organisations.auth import SIGNED_IN_THROUGH


@receiver(user_logged_in, dispatch_uid="sso_forget_reach")
def _forget_reach(sender: object, request: HttpRequest | None, user: object,
                  **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        request.session.pop(SIGNED_IN_THROUGH, None)
