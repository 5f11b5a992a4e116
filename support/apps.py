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
