from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportConfig(AppConfig):
    name = "support"
    verbose_name = _("Carer support organisations")

    def ready(self):
        from programme.navigation import register_workplaces
        from programme.scoping import register_follower_access
        from support.access import followed_organisation
        from support.workplaces import support_workplaces

        # The programme cannot import this app; it asks here whether a user follows an employer,
        # and where else than in organisations a user works.
        register_follower_access(followed_organisation)
        register_workplaces(support_workplaces)

        from programme.sections import register_section
        from support.offer_selectors import employer_offer_section

        # The offers of the support organisations that follow an employer, beside its own.
        register_section(
            page="programme:support_list",
            template="support/offers/employer_section.html",
            context=employer_offer_section,
        )
