from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExitConfig(AppConfig):
    """Leaving the platform: the organisation's full export, its deletion by platform staff and
    the deactivation of members who no longer log in. It reads every app; nothing imports it."""

    name = "exit"
    verbose_name = _("Exit and deletion")
