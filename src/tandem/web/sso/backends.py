"""Authentication back-ends: the password, with the organisations' say, and single sign-on.

``settings.AUTHENTICATION_BACKENDS`` lists both. Django stores the back-end that signed a
session in with it, so a session knows how it began.

* :class:`PasswordBackend` is Django's ``ModelBackend`` (e-mail and password, an active
  account), except that a correct password of someone whose every organisation has
  switched password login off is refused with a message that says why and where to go
  ("sign in with your organisation"). Only after the password matched: nobody learns
  how an address signs in without its password. Operators (staff) keep their password:
  no organisation's provider may sign them in, and they are the way back in when an
  organisation's provider breaks. The message is a ``ValidationError``, which Django's
  ``authenticate`` lets through (it swallows only ``PermissionDenied``, into the generic
  "does not match"), so every form that logs in (this app's, the admin's) shows it.
  Someone who is also a member of an organisation that allows passwords logs in; the
  pages of the others still ask for their single sign-on (``organisations.auth``).
* :class:`SingleSignOnBackend` never checks a credential itself (``authenticate`` is
  always None): the callback view logs a person in with it once their provider's ID
  token passed (``tandem.web.sso.views``); it loads the session's user afterwards.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from tandem.web.accounts.models import User
from tandem.web.organisations.selectors import password_login_refused

SSO_ONLY = _("Your organisation lets you in through its own sign-in service, not with a "
             "password: use “Sign in with your organisation” below.")


class PasswordBackend(ModelBackend):
    def authenticate(self, request: HttpRequest | None, username: str | None = None,
                     password: str | None = None, **kwargs: Any) -> User | None:
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if (isinstance(user, User) and not user.is_staff
                and password_login_refused(user=user)):
            raise ValidationError(SSO_ONLY, code="sso_only")
        return user


class SingleSignOnBackend(ModelBackend):
    def authenticate(self, request: HttpRequest | None, username: str | None = None,
                     password: str | None = None, **kwargs: Any) -> User | None:
        return None
