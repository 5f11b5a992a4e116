"""An employer's pages about the support organisations that follow it, under /o/<slug>/ondersteuning/."""

app_name = "employer_support"

urlpatterns: list = []
