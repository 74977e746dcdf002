"""Background work: the password-reset e-mail (``django.tasks``)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import translation

from tandem.web.accounts.links import password_link
from tandem.web.accounts.models import User

SUBJECT_TEMPLATE = "accounts/email/password_reset_subject.txt"
BODY_TEMPLATE = "accounts/email/password_reset_body.txt"


@task()
def send_password_reset_email(*, user_id: int | None, language: str) -> bool:
    """Mail a link to choose a new password; ``None`` (no such account) sends nothing.

    The request that asks for a reset queues this task for every address, known or not,
    so the slow part (writing and sending the mail) never makes a known address answer
    later than an unknown one. The token is made here, so it never sits in the queue.
    Returns whether a mail went out.
    """
    if user_id is None:
        return False
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.has_usable_password():
        return False
    context = {"link": password_link(user)}
    known = {code for code, _name in settings.LANGUAGES}
    with translation.override(language if language in known else settings.LANGUAGE_CODE):
        subject = "".join(render_to_string(SUBJECT_TEMPLATE, context).splitlines())
        body = render_to_string(BODY_TEMPLATE, context)
    send_mail(subject=subject, message=body, from_email=None, recipient_list=[user.email])
    return True
