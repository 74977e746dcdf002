from __future__ import annotations

from django.urls import path

from tandem.web.sso import views

app_name = "sso"

urlpatterns = [
    path("accounts/sso/", views.sso_start, name="start"),
    path("accounts/sso/callback/", views.sso_callback, name="callback"),
    path("o/<int:org_id>/sso/", views.sso_settings, name="settings"),
]
