from __future__ import annotations

from django.urls import path

from tandem.web.results import views

app_name = "results"

urlpatterns = [
    path("<int:org_id>/scans/<int:scan_id>/results/", views.scan_results, name="scan"),
    path("<int:org_id>/scans/<int:scan_id>/results.json", views.scan_results_json,
         name="scan_json"),
]
