"""Respondent-facing URLs under ``/s/``.

``invitation``, ``open`` and ``code`` are the contract with ``scans.links`` (e-mails and
exports). A draft's pages live under its link: ``i/<token>/`` for a personal link,
``r/<token>/`` for the resume link of an open-link draft.
"""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path, register_converter

from tandem.web.survey import views


class LinkKindConverter:
    """``i`` (personal invitation link) or ``r`` (open-link resume link)."""

    regex = "[ir]"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(LinkKindConverter, "linkkind")

app_name = "survey"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.code_entry, name="code"),
    path("done/", views.done, name="done"),
    path("o/<slug:token>/", views.open_entry, name="open"),
    path("i/<slug:token>/", views.invitation_entry, name="invitation"),
    path("r/<slug:token>/", views.resume_entry, name="resume"),
    path("<linkkind:kind>/<slug:token>/q/<slug:section>/", views.section, name="section"),
    path("<linkkind:kind>/<slug:token>/review/", views.review, name="review"),
]
