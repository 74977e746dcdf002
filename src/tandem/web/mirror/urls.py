"""The facilitator's mirror pages under ``/o/`` and the customer's page under ``/s/m/``."""

from __future__ import annotations

from django.urls import path

from tandem.web.mirror import views

app_name = "mirror"

_SCAN = "<int:org_id>/scans/<int:scan_id>/"

urlpatterns = [
    path(f"{_SCAN}mirror/", views.manage, name="manage"),
    path(f"{_SCAN}mirror/create/", views.create, name="create"),
    path(f"{_SCAN}mirror/close/", views.close, name="close"),
    path(f"{_SCAN}results/mirror/", views.results, name="results"),
]

#: Included under ``s/m/`` with the namespace ``customer``: anonymous, by link only.
customer_patterns = [
    path("thanks/", views.thanks, name="thanks"),
    path("<slug:token>/", views.answer, name="answer"),
]
