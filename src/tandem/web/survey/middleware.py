"""The respondent's language for every response under the survey's URLs.

The survey pages render in the language the respondent chose (``?lang=``, the draft's
language, remembered in a survey-only cookie by :func:`tandem.web.survey.views._render`).
Responses no survey view renders (an unknown URL's 404, a 413, a 500) use whatever
language is active, so this middleware activates the same choice for the whole request:
``?lang=`` when the app offers it, else the survey cookie, else what
``LocaleMiddleware`` took from the browser. It sits right after ``LocaleMiddleware``.
The facilitators' own language (Django's language cookie) is left alone.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.utils import translation

#: The survey's own language cookie (path /s/): a respondent's choice must not change
#: the language of a facilitator's pages in the same browser, nor the other way round.
LANGUAGE_COOKIE = "tandem_survey_lang"
PREFIX = "/s/"


def offered(code: str | None) -> str | None:
    """``code`` if the app speaks it, else None."""
    return code if code in dict(settings.LANGUAGES) else None


def chosen_language(request: HttpRequest) -> str | None:
    """The language a respondent chose in this request or earlier, if any."""
    return offered(request.GET.get("lang")) or offered(request.COOKIES.get(LANGUAGE_COOKIE))


class SurveyLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.path.startswith(PREFIX) and (language := chosen_language(request)):
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)
