"""E-mail subjects are plain text: no HTML escaping of "&", quotes or "<"."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string
from django.utils import translation

NAME = 'Smit & Zonen "De Brug" <B.V.> \'t Hof'


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize(
    ("template", "context"),
    [
        ("scans/email/invitation_subject.txt",
         {"organisation": SimpleNamespace(name=NAME), "reminder": False}),
        ("scans/email/invitation_subject.txt",
         {"organisation": SimpleNamespace(name=NAME), "reminder": True}),
        ("accounts/email/welcome_subject.txt", {"organisation": NAME}),
    ],
)  # fmt: skip
def test_a_subject_with_ampersand_and_quotes_is_plain_text(
    template: str, context: dict[str, object], lang: str
) -> None:
    with translation.override(lang):
        subject = render_to_string(template, context).strip()
    assert NAME in subject
    assert "&amp;" not in subject and "&quot;" not in subject and "&#x27;" not in subject
    assert "&lt;" not in subject and "\n" not in subject


def test_the_password_reset_subject_is_one_plain_line() -> None:
    with translation.override("en"):
        subject = render_to_string("accounts/email/password_reset_subject.txt", {}).strip()
    assert subject == "Tandem: choose a new password"
