"""The answer options of a question, rendered in Python.

A section page shows some 15 questions of 5–7 options each; as a template loop that
was three quarters of the page's CPU time, the largest single cost of the respondent
flow under load (docs/load.md). Every value is escaped with :func:`html.escape`, which
is what Django's ``escape`` does, without its lazy-string wrapper on each call.
"""

from __future__ import annotations

from functools import lru_cache
from html import escape

from django import template
from django.utils.safestring import SafeString, mark_safe

from tandem.web.survey.flow import Question

register = template.Library()


@lru_cache(maxsize=4096)
def _escaped(text: str) -> str:
    """Option codes and labels repeat on every page of every respondent."""
    return escape(text)


@register.simple_tag
def choices(question: Question) -> SafeString:
    """One radio button with its label per option; the saved answer is checked."""
    name = _escaped(question.id)
    options = (
        f'<label class="opt{" dk" if c.dont_know else ""}"><input type="radio" name="{name}" '
        f'value="{_escaped(c.code)}"{" checked" if c.checked else ""}>'
        f"<span>{_escaped(str(c.label))}</span></label>"
        for c in question.choices
    )
    return mark_safe("\n".join(options))  # noqa: S308 # nosec B308 B703 # every value escaped
