from __future__ import annotations

from django.urls import path

from tandem.web.funnel import views

app_name = "funnel"

F = "<int:org_id>/funnel"

urlpatterns = [
    path(f"{F}/", views.cockpit, name="cockpit"),
    path(f"{F}/import/", views.import_upload, name="import_upload"),
    path(f"{F}/import/<int:import_id>/", views.import_inspect, name="import_inspect"),
    path(f"{F}/import/<int:import_id>/confirm/", views.import_confirm, name="import_confirm"),
    path(f"{F}/import/<int:import_id>/cancel/", views.import_cancel, name="import_cancel"),
]
