"""The menu of a support organisation's pages (the bar under the header on /s/<slug>/)."""

from django.utils.translation import gettext_lazy as _

from programme.navigation import Item, named

SUPPORT_MENU = (
    Item(_("Start page"), "support:start", named("support", "start")),
    Item(
        _("Portfolio"), "support:portfolio", named("support", "portfolio", "employer", "following")
    ),
    Item(_("Pipeline"), "support:pipeline", named("support", "pipeline", "prospect", "contact")),
    Item(_("Offer"), "support:offers", named("support", "offer")),
    Item(_("Report"), "support:report", named("support", "report")),
    Item(
        _("Our organisation"),
        "support:organisation",
        named("support", "organisation", "member"),
    ),
)
