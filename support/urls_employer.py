"""An employer's pages about the support organisations that follow it.

Under /o/<slug>/ondersteuning/: HR invites, accepts and ends followings; members take up offers."""

from support import urls_employer_following, urls_employer_offers

app_name = "employer_support"

urlpatterns = [*urls_employer_following.urlpatterns, *urls_employer_offers.urlpatterns]
