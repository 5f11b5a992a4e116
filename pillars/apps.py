from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PillarsConfig(AppConfig):
    name = "pillars"
    verbose_name = _("Pillars")

    def ready(self):
        from pillars.dashboard import pillars_panel
        from programme.dashboard import register_panel

        register_panel(order=10, template="pillars/dashboard_panel.html", context=pillars_panel)
