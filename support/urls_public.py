"""Public: the link of a support organisation's invitation to an employer."""

app_name = "support_public"

urlpatterns: list = []
