from __future__ import annotations

from django.urls import path

from tandem.web.scans import views

app_name = "scans"

S = "<int:org_id>/scans/<int:scan_id>"

urlpatterns = [
    path("<int:org_id>/scans/new/", views.scan_create, name="create"),
    path(f"{S}/", views.scan_detail, name="detail"),
    path(f"{S}/edit/", views.scan_edit, name="edit"),
    path(f"{S}/open/", views.scan_open, name="open"),
    path(f"{S}/close/", views.scan_close, name="close"),
    path(f"{S}/reopen/", views.scan_reopen, name="reopen"),
    path(f"{S}/open-link/", views.open_link, name="open_link"),
    path(f"{S}/invitations/", views.invitations, name="invitations"),
    path(f"{S}/invitations/send/", views.invitations_send, name="invitations_send"),
    path(f"{S}/invitations/export/", views.invitations_export, name="invitations_export"),
    path(f"{S}/invitations/<int:invitation_id>/delete/", views.invitation_delete,
         name="invitation_delete"),
]
