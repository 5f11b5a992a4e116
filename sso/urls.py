from django.urls import path

from sso import views

app_name = "sso"

urlpatterns = [
    path("", views.organisation_login, name="start"),
]
