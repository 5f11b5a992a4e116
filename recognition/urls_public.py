from django.urls import path

from recognition.views import public

app_name = "public"

urlpatterns = [
    path("", public.directory, name="directory"),
    path("<slug:slug>/", public.profile, name="profile"),
    path("<slug:slug>/logo/", public.logo, name="logo"),
]
