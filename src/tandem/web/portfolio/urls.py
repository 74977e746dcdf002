from __future__ import annotations

from django.urls import path

from tandem.web.portfolio import views

app_name = "portfolio"

urlpatterns = [
    path("", views.portfolio, name="portfolio"),
    path("compare/", views.compare, name="compare"),
    path("templates/", views.templates, name="templates"),
    path("templates/new/", views.template_new, name="template_new"),
    path("templates/<int:template_id>/", views.template_edit, name="template_edit"),
    path("templates/<int:template_id>/delete/", views.template_delete, name="template_delete"),
    path("<int:org_id>/new-scan/", views.scan_start, name="scan_start"),
]
