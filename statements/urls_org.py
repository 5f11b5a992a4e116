"""The organisation's page for its statements, under /o/<slug>/privacy/."""

from django.urls import path

from statements import views

app_name = "org_statements"

urlpatterns = [
    path("", views.organisation_statements, name="settings"),
    path("verwerkingsregister.docx", views.register_download, name="register_docx"),
]
