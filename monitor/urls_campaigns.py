"""The campaigns pages of the monitor, under /o/<slug>/monitor/ (namespace "monitor")."""

from django.urls import path

from monitor.views import campaigns, departments

urlpatterns = [
    path("", campaigns.campaign_list, name="campaign_list"),
    path("new/", campaigns.campaign_create, name="campaign_create"),
    path("<int:pk>/", campaigns.campaign_detail, name="campaign_detail"),
    path("<int:pk>/edit/", campaigns.campaign_edit, name="campaign_edit"),
    path("<int:pk>/close/", campaigns.campaign_close, name="campaign_close"),
    path("<int:pk>/qr.svg", campaigns.campaign_qr, name="campaign_qr"),
    path("<int:pk>/poster.pdf", campaigns.campaign_poster, name="campaign_poster"),
    path("<int:pk>/codes/", campaigns.codes_generate_view, name="codes_generate"),
    path("<int:pk>/questions/new/", campaigns.question_create, name="question_create"),
    path(
        "<int:pk>/questions/<int:question_pk>/edit/",
        campaigns.question_edit,
        name="question_edit",
    ),
    path(
        "<int:pk>/questions/<int:question_pk>/delete/",
        campaigns.question_delete,
        name="question_delete",
    ),
    path("departments/", departments.department_list, name="department_list"),
    path("departments/new/", departments.department_create, name="department_create"),
    path("departments/<int:pk>/edit/", departments.department_edit, name="department_edit"),
    path("departments/<int:pk>/delete/", departments.department_delete, name="department_delete"),
]
