from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecognitionConfig(AppConfig):
    name = "recognition"
    verbose_name = _("Recognition")

    def ready(self):
        from programme.dashboard import register_panel
        from recognition.dashboard import letters_panel, recognition_panel

        register_panel(
            order=5, template="recognition/dashboard_recognition.html", context=recognition_panel
        )
        register_panel(order=30, template="recognition/dashboard_panel.html", context=letters_panel)
