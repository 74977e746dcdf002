"""The survey pages' markup that costs the most to render, made cheap.

Template rendering is the largest cost of a respondent's request under load
(docs/load.md): a question is written here in Python (as a template, an include per
question and a loop per option, it was most of a page's CPU time), and the parts of a
page that depend on nothing but the language and a few flags (the header with its
language switch, the footer, the navigation buttons) are rendered from their templates
once per process by :func:`fragment`. Every value is escaped with :func:`html.escape`,
which is what Django's ``escape`` does, without its lazy-string wrapper on each call.
"""

from __future__ import annotations

from functools import lru_cache
from html import escape
from typing import Any

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django_htmx.jinja import django_htmx_script

from tandem.web.survey.flow import Question

register = template.Library()


@lru_cache(maxsize=4096)
def _escaped(text: str) -> str:
    """Item ids, option codes and labels repeat on every page of every respondent."""
    return escape(text)


@register.simple_tag
def fragment(name: str, **key: Any) -> SafeString:
    """The template ``name`` rendered with ``key`` as its whole context, in ``key["lang"]``:
    once per process for each ``key`` (every value hashable), or every time under DEBUG,
    so that an edited template shows. Only for markup that depends on ``key`` alone:
    nothing of the request (no CSRF token, no nonce, no respondent's data)."""
    if settings.DEBUG:
        return _render_fragment(name, tuple(sorted(key.items())))
    return _cached_fragment(name, tuple(sorted(key.items())))


def _render_fragment(name: str, key: tuple[tuple[str, Any], ...]) -> SafeString:
    context = dict(key)
    with translation.override(context["lang"]):
        return mark_safe(render_to_string(name, context))  # noqa: S308 # nosec B308 B703


_cached_fragment = lru_cache(maxsize=256)(_render_fragment)


@register.simple_tag(takes_context=True)
def survey_assets(context: template.Context) -> SafeString:
    """The survey's style sheets and scripts, as ``{% static %}`` and ``{% htmx_script %}``
    write them, with the URLs looked up in the static files manifest once per process
    instead of on every request."""
    nonce = context.get("csp_nonce")
    app_css, survey_css, htmx, survey_js = _asset_urls(settings.STATIC_URL)
    nonced = f' nonce="{escape(str(nonce))}"' if nonce is not None else ""
    debug = django_htmx_script(nonce=nonce) if settings.DEBUG else ""
    return mark_safe(  # noqa: S308 # nosec B308 B703 # escaped URLs of our own files
        f'<link rel="stylesheet" href="{app_css}">\n'
        f'  <link rel="stylesheet" href="{survey_css}">\n'
        f'  <script src="{htmx}" defer{nonced}></script>{debug}\n'
        f'  <script src="{survey_js}" defer></script>')


@lru_cache(maxsize=4)
def _asset_urls(_static_url: str) -> tuple[str, ...]:
    return tuple(escape(static(path)) for path in (
        "tandem/app.css", "survey/survey.css", "django_htmx/htmx-2.min.js", "survey/survey.js"))


def _choices(question: Question, name: str) -> str:
    """One radio button with its label per option; the saved answer is checked."""
    return "\n".join(
        f'<label class="opt{" dk" if c.dont_know else ""}"><input type="radio" name="{name}" '
        f'value="{_escaped(c.code)}"{" checked" if c.checked else ""}>'
        f"<span>{_escaped(str(c.label))}</span></label>"
        for c in question.choices
    )


@register.simple_tag
def question(q: Question) -> SafeString:
    """A fieldset of options, or a labelled text field, with its error if it has one."""
    qid = _escaped(q.id)
    has_error = " has-error" if q.error else ""
    described = f' aria-describedby="e-{qid}"' if q.error else ""
    error = f'<p class="field-error" id="e-{qid}">{escape(str(q.error))}</p>' if q.error else ""
    text = escape(q.text)
    if q.kind == "text":
        if q.multiline:
            field = (f'<textarea id="f-{qid}" name="{qid}" rows="4" maxlength="2000"{described}>'
                     f"{escape(q.value)}</textarea>")
        else:
            field = (f'<input type="text" id="f-{qid}" name="{qid}" value="{escape(q.value)}" '
                     f'maxlength="200" autocomplete="off"{described}>')
        html = (f'<div class="q q-text{has_error}" id="q-{qid}">\n'
                f'  <label for="f-{qid}">{text}</label>\n  {error}{field}\n</div>')
    else:
        html = (f'<fieldset class="q q-{_escaped(q.kind)}{has_error}" id="q-{qid}"{described}>\n'
                f"  <legend>{text}</legend>\n  {error}"
                f'<div class="options">\n{_choices(q, qid)}\n  </div>\n</fieldset>')
    return mark_safe(html)  # noqa: S308 # nosec B308 B703 # every value escaped
