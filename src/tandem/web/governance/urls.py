from __future__ import annotations

from django.urls import path

from tandem.web.governance import views

app_name = "governance"

urlpatterns = [
    path("<int:org_id>/data/", views.data_protection, name="data"),
    path("<int:org_id>/audit/", views.audit_log, name="audit"),
    path("<int:org_id>/delete/", views.organisation_delete, name="organisation_delete"),
    path("<int:org_id>/scans/<int:scan_id>/delete/", views.scan_delete, name="scan_delete"),
]
