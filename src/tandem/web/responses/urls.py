from __future__ import annotations

from django.urls import path

from tandem.web.responses import views

app_name = "responses"

S = "<int:org_id>/scans/<int:scan_id>/import"

urlpatterns = [
    path(f"{S}/", views.import_upload, name="import_upload"),
    path(f"{S}/<int:import_id>/", views.import_inspect, name="import_inspect"),
    path(f"{S}/<int:import_id>/confirm/", views.import_confirm, name="import_confirm"),
    path(f"{S}/<int:import_id>/cancel/", views.import_cancel, name="import_cancel"),
]
