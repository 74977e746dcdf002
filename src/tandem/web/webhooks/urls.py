from __future__ import annotations

from django.urls import path

from tandem.web.webhooks import views

app_name = "webhooks"

urlpatterns = [
    path("<int:org_id>/webhooks/", views.webhooks, name="list"),
    path("<int:org_id>/webhooks/<int:webhook_id>/test/", views.webhook_test, name="test"),
    path("<int:org_id>/webhooks/<int:webhook_id>/delete/", views.webhook_delete, name="delete"),
]
