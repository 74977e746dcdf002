"""Writes on accounts."""

from __future__ import annotations

import secrets

from django.contrib.auth.hashers import is_password_usable
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string

from tandem.web.accounts.links import password_link
from tandem.web.accounts.models import User, normalise_email
from tandem.web.accounts.tasks import send_password_reset_email


@transaction.atomic
def user_invite(*, email: str, invited_by: User, organisation_name: str) -> User:
    """Create an account for a new member and mail a link to choose a password.

    The account gets a random (usable) password so that "forgot password" also works
    for someone who lost the welcome mail.
    """
    user = User.objects.create_user(normalise_email(email), password=secrets.token_urlsafe(32))
    context = {
        "invited_by": invited_by.get_full_name(),
        "organisation": organisation_name,
        "link": password_link(user),
    }
    send_mail(
        subject=render_to_string("accounts/email/welcome_subject.txt", context).strip(),
        message=render_to_string("accounts/email/welcome_body.txt", context),
        from_email=None,
        recipient_list=[user.email],
    )
    return user


def password_reset_request(*, email: str, language: str) -> None:
    """Queue the password-reset mail, doing the same work whether or not the address
    has an account: one indexed lookup and one queued task (with no user for an unknown
    address). The mail is written and sent by the task worker, so neither the answer
    nor its timing tells whether an account exists. Only a user id enters the queue,
    never the typed address.
    """
    row = (User.objects.filter(email=normalise_email(email), is_active=True)
           .values_list("pk", "password").first())
    user_id = row[0] if row is not None and is_password_usable(row[1]) else None
    send_password_reset_email.enqueue(user_id=user_id, language=language)
