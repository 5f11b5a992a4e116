"""The organisation pages of a support organisation (included by support/urls.py)."""

from django.urls import path

from support.views import organisation

urlpatterns = [
    path("organisation/", organisation.organisation_detail, name="organisation"),
    path("organisation/edit/", organisation.organisation_edit, name="organisation_edit"),
    path("members/", organisation.member_list, name="members"),
    path("members/add/", organisation.member_add, name="member_add"),
    path("members/<int:pk>/role/", organisation.member_role, name="member_role"),
    path("members/<int:pk>/delete/", organisation.member_remove, name="member_remove"),
]
