"""URL map: one include per app; the survey namespace belongs to the survey flow."""

from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from tandem.web import views
from tandem.web.api.urls import api_patterns
from tandem.web.mirror.urls import customer_patterns

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("tandem.web.accounts.urls")),
    path("o/", include("tandem.web.organisations.urls")),
    path("o/", include("tandem.web.scans.urls")),
    path("o/", include("tandem.web.responses.urls")),
    path("o/", include("tandem.web.results.urls")),
    path("o/", include("tandem.web.actions.urls")),
    path("o/", include("tandem.web.funnel.urls")),
    path("o/", include("tandem.web.mirror.urls")),
    path("o/", include("tandem.web.governance.urls")),
    path("o/", include("tandem.web.api.urls")),
    path("o/", include("tandem.web.webhooks.urls")),
    path("", include("tandem.web.sso.urls")),
    path("portfolio/", include("tandem.web.portfolio.urls")),
    path("", include("tandem.web.research.urls")),
    path("api/v1/", include((api_patterns, "api"))),
    path("s/m/", include((customer_patterns, "customer"))),
    path("s/", include("tandem.web.survey.urls")),
    path("admin/", admin.site.urls),
]

handler404 = "tandem.web.views.page_not_found"
handler500 = "tandem.web.views.server_error"
