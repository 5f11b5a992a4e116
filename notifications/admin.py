from django.contrib import admin

from notifications.models import SentReminder


@admin.register(SentReminder)
class SentReminderAdmin(admin.ModelAdmin):
    list_display = ["sent_at", "kind", "key", "user", "organisation"]
    list_filter = ["kind"]
    search_fields = ["user__email", "organisation__name", "key"]
    readonly_fields = ["user", "organisation", "kind", "key", "sent_at"]
