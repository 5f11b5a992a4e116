from django.urls import include, path

from programme.views import actions, audit, home, members, organisation, registers, transfer

app_name = "programme"


def register_urls(key: str, segment: str) -> list:
    extra = {"register": key}
    return [
        path(f"{segment}/", registers.list_view_for(key), extra, name=f"{key}_list"),
        path(f"{segment}/new/", registers.register_edit, extra, name=f"{key}_create"),
        path(f"{segment}/<int:pk>/", registers.register_edit, extra, name=f"{key}_edit"),
        path(
            f"{segment}/<int:pk>/delete/",
            registers.register_delete,
            extra,
            name=f"{key}_delete",
        ),
    ]


org_patterns = [
    path("", home.dashboard, name="dashboard"),
    path("organisation/", organisation.organisation_detail, name="organisation"),
    path("organisation/edit/", organisation.organisation_edit, name="organisation_edit"),
    path("organisation/logo/", organisation.organisation_logo, name="organisation_logo"),
    path("members/", members.member_list, name="members"),
    path("audit/", audit.audit_log, name="audit_log"),
    path("audit/export.<str:file_format>", audit.audit_log_export, name="audit_log_export"),
    path("members/add/", members.member_add, name="member_add"),
    path("members/<int:pk>/role/", members.member_role, name="member_role"),
    path("members/<int:pk>/delete/", members.member_remove, name="member_remove"),
    path("actions/", actions.action_list, name="actions"),
    path("actions/new/", actions.action_create, name="action_create"),
    path("actions/review/", actions.action_review, name="action_review"),
    path("actions/outlook/", actions.action_outlook, name="action_outlook"),
    path("actions/carry/", actions.action_carry, name="action_carry"),
    path("actions/export.<str:file_format>", transfer.action_export, name="action_export"),
    path("actions/import/", transfer.action_import, name="action_import"),
    path("actions/<int:pk>/", actions.action_detail, name="action_detail"),
    path("actions/<int:pk>/edit/", actions.action_edit, name="action_edit"),
    path("actions/<int:pk>/delete/", actions.action_delete, name="action_delete"),
    *register_urls("contact", "contacts"),
    *register_urls("support", "support"),
    *register_urls("regulation", "regulations"),
]

urlpatterns = [
    path("", home.home, name="home"),
    path("o/<slug:slug>/", include(org_patterns)),
]
