from django.urls import path

from notifications import views

app_name = "calendar"

urlpatterns = [
    path("<str:token>.ics", views.feed, name="feed"),
]
