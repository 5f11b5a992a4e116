from django.urls import path

from notifications import views

app_name = "org_calendar"

urlpatterns = [
    path("nieuw/", views.organisation_feed_renew, name="renew"),
]
