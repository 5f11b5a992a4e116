"""The public monitor pages under /m/<key>/ (namespace "respond"): no login, no account."""

app_name = "respond"

urlpatterns = []
