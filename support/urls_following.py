"""The following pages of a support organisation (included by support/urls.py)."""

from django.urls import path

from support.views import following

urlpatterns = [
    path("following/", following.followings, name="followings"),
    path("following/request/", following.following_request, name="following_request"),
    path("following/<int:pk>/accept/", following.following_accept, name="following_accept"),
    path("following/<int:pk>/decline/", following.following_decline, name="following_decline"),
    path("following/<int:pk>/end/", following.following_end, name="following_end"),
]
