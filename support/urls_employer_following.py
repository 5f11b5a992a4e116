"""The employer's following pages under /o/<slug>/ondersteuning/ (included by urls_employer)."""

from django.urls import path

from support.views import employer_following

urlpatterns = [
    path("", employer_following.overview, name="overview"),
    path("invite/", employer_following.invite, name="invite"),
    path("<int:pk>/accept/", employer_following.accept, name="accept"),
    path("<int:pk>/decline/", employer_following.decline, name="decline"),
    path("<int:pk>/end/", employer_following.end, name="end"),
]
