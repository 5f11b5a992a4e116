from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitorConfig(AppConfig):
    name = "monitor"
    verbose_name = _("Monitor")

    def ready(self):
        from monitor.views.results import dashboard_panel
        from programme.dashboard import register_panel

        register_panel(order=20, template="monitor/dashboard_panel.html", context=dashboard_panel)
