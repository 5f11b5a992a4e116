"""Public: the link of a support organisation's invitation to an employer."""

from django.urls import path

from support.views import invitation

app_name = "support_public"

urlpatterns = [
    path("<str:token>/", invitation.invitation, name="invitation"),
]
