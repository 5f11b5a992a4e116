"""An employer's pages about the support organisations that follow it.

Under /o/<slug>/ondersteuning/: HR invites, accepts and ends followings; members take up offers."""

app_name = "employer_support"

urlpatterns: list = []
