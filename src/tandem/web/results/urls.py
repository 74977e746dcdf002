from __future__ import annotations

from django.urls import path

from tandem.web.results import views

app_name = "results"

_SCAN = "<int:org_id>/scans/<int:scan_id>/results/"

urlpatterns = [
    path(_SCAN, views.scan_results, name="scan"),
    path(f"{_SCAN}tensions/", views.tensions, name="tensions"),
    path(f"{_SCAN}gaps/", views.gaps, name="gaps"),
    path(f"{_SCAN}decisions/", views.decisions, name="decisions"),
    path(f"{_SCAN}journey/", views.journey, name="journey"),
    path(f"{_SCAN}comments/", views.comments, name="comments"),
    path(f"{_SCAN}method/", views.method, name="method"),
    path(f"{_SCAN}psychometrics/", views.psychometrics, name="psychometrics"),
    path(f"{_SCAN}compare/", views.compare, name="compare"),
    path(f"{_SCAN}benchmark/", views.benchmark, name="benchmark"),
    path(f"{_SCAN}downloads/", views.downloads, name="downloads"),
    path(f"{_SCAN}report-<str:lang>.pdf", views.download_pdf, name="pdf"),
    path(f"{_SCAN}meeting-<str:lang>.pptx", views.download_deck, name="deck"),
    path(f"{_SCAN}results.xlsx", views.download_xlsx, name="xlsx"),
    path(f"{_SCAN}figures.csv", views.download_csv, name="csv"),
    path(f"{_SCAN}responses.zip", views.download_responses, name="responses"),
    path(f"{_SCAN}research-<str:fmt>.zip", views.download_research, name="research"),
    path("<int:org_id>/scans/<int:scan_id>/results.json", views.scan_results_json,
         name="scan_json"),
]
