from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportConfig(AppConfig):
    name = "support"
    verbose_name = _("Carer support organisations")

    def ready(self):
        from programme.scoping import register_follower_access
        from support.access import followed_organisation

        # The programme cannot import this app; it asks here whether a user follows an employer.
        register_follower_access(followed_organisation)
