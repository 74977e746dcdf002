from __future__ import annotations

from django.urls import path

from tandem.web.research import views

app_name = "research"

urlpatterns = [
    path("o/<int:org_id>/research/", views.consent, name="consent"),
    path("research/pool/", views.pool, name="pool"),
    path("research/pool/stream-<str:lang>.zip", views.pool_stream, name="pool_stream"),
    path("research/pool/<int:pool_id>.zip", views.pool_download, name="pool_download"),
]
