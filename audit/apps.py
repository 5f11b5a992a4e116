from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = _("Audit log")

    def ready(self):
        # Registration happens here, after every app's models are loaded: audit sits low
        # (it imports no project app) and knows the other apps' models by label only.
        from audit import recorders, registry

        registry.register_all()
        recorders.connect()
