from __future__ import annotations

from django.urls import path

from tandem.web.organisations import views

app_name = "organisations"

urlpatterns = [
    path("new/", views.organisation_create, name="create"),
    path("<int:org_id>/", views.organisation_detail, name="detail"),
    path("<int:org_id>/edit/", views.organisation_edit, name="edit"),
    path("<int:org_id>/members/", views.members, name="members"),
    path("<int:org_id>/members/<int:member_id>/role/", views.member_role, name="member_role"),
    path("<int:org_id>/members/<int:member_id>/remove/", views.member_remove,
         name="member_remove"),
]
