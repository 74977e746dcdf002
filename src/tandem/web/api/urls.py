"""The tokens page (under /o/) and the API itself (under /api/v1/)."""

from __future__ import annotations

from django.urls import path, re_path

from tandem.web.api import endpoints, views

app_name = "api_tokens"

urlpatterns = [
    path("<int:org_id>/api-tokens/", views.tokens, name="tokens"),
    path("<int:org_id>/api-tokens/<int:token_id>/revoke/", views.revoke, name="revoke"),
]

#: Mounted at ``api/v1/`` by the project's URL map; anything the API does not know is a
#: problem+json 404 rather than the HTML page.
api_patterns = [
    *endpoints.urls(),
    re_path(r"^.*$", endpoints.unknown_path),
]
