from django.urls import path

from exit import views

app_name = "exit"

urlpatterns = [
    path("", views.export, name="export"),
]
