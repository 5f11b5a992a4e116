from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Reminders and calendars")

    def ready(self):
        from notifications.selectors import organisation_feed_section
        from programme.sections import register_section

        # The organisation's calendar link, for its HR advisors, on the organisation page.
        register_section(
            page="programme:organisation",
            template="notifications/organisation_section.html",
            context=organisation_feed_section,
        )
