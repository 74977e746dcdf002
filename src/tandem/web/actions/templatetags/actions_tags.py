"""Small filters for the action pages: bilingual core texts and figures."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import template
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from tandem.i18n import Text
from tandem.rounding import rounded_text, signed_text

register = template.Library()

_DECIDERS = {
    "marketing": ("Marketing", "Marketing"),
    "sales": ("Sales", "Sales"),
    "service": ("Customer Service", "Customer Service"),
    "joint": ("Marketing en Sales samen", "Marketing and Sales jointly"),
    "management": ("De directie", "Senior management"),
    "nobody": ("Niemand duidelijk", "Nobody clearly"),
}


@register.filter
def text(value: Text | None, lang: str) -> str:
    """A core ``Text`` in the page's language."""
    if value is None:
        return ""
    return value("en" if lang == "en" else "nl")


@register.filter
def get(mapping: dict[Any, Any], key: Any) -> Any:
    return mapping.get(key, key)


def _in_language(text: str) -> str:
    """A formatted figure as the page's reader writes it: a decimal comma in Dutch."""
    return text.replace(".", ",") if (get_language() or "nl").startswith("nl") else text


@register.filter
def num(value: float | None) -> str:
    if value is None:
        return "—"
    return _in_language(rounded_text(value, 1 if abs(value) < 10 else 0))


@register.filter
def signed(value: float | None) -> str:
    if value is None:
        return "—"
    return _in_language(signed_text(value, 1))


@register.filter
def percent(value: float | None) -> str:
    return "—" if value is None else _in_language(rounded_text(value * 100)) + "%"


@register.filter
def month_of(key: str) -> date | None:
    """A month key of the core ("2026-03") as a date, for the ``date`` filter."""
    try:
        return date(int(key[:4]), int(key[5:7]), 1)
    except (TypeError, ValueError):
        return None


@register.filter
def decider(code: str | None) -> str:
    if not code:
        return _("unknown")
    from django.utils.translation import get_language

    pair = _DECIDERS.get(code, (code, code))
    return pair[1] if (get_language() or "nl").startswith("en") else pair[0]


@register.filter
def term(value: Any, lang: str) -> str:
    return str(value.term_en if lang == "en" else value.term_nl)


@register.filter
def field(value: Any, name: str) -> tuple[Any, str]:
    return value, name


@register.filter
def field_lang(pair: tuple[Any, str], lang: str) -> str:
    obj, name = pair
    return str(getattr(obj, f"{name}_{'en' if lang == 'en' else 'nl'}"))


def _code() -> str:
    from django.utils.translation import get_language

    return "en" if (get_language() or "nl").startswith("en") else "nl"


@register.filter
def tx(obj: Any, attr: str) -> str:
    """``obj.attr`` (a core ``Text``) in the active language.

    A ``Text`` is callable, and Django's templates call callables without arguments,
    so ``{{ step.title }}`` cannot reach it; the filter reads the attribute itself.
    """
    value = getattr(obj, attr, None)
    if isinstance(value, Text):
        return value(_code())
    return "" if value is None else str(value)


@register.filter
def texts(obj: Any, attr: str) -> list[str]:
    """A tuple of ``Text`` on ``obj.attr`` in the active language."""
    return [t(_code()) if isinstance(t, Text) else str(t) for t in getattr(obj, attr, ())]
