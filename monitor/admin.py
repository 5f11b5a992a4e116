"""The monitor in the admin: campaigns, departments and the national reference figures.

Inbox entries, counts, free-text answers, snapshots and access codes are deliberately absent:
the admin must not become a way around the monitor's anonymity (docs/architecture.md).
"""

from django.contrib import admin
from django.utils import timezone

from monitor.models import Campaign, CampaignState, CustomQuestion, Department, ReferenceFigure


class CustomQuestionInline(admin.TabularInline):
    model = CustomQuestion
    extra = 0
    fields = ["code", "kind", "text", "text_en", "options"]
    readonly_fields = ["code"]

    def has_add_permission(self, request, obj=None):
        return False  # the code is assigned by the HR pages, which also enforce the maximum

    def get_readonly_fields(self, request, obj=None):
        # From the first day on, the wording is what the answers mean (the model refuses too).
        if obj is not None and obj.is_fixed:
            return self.fields
        return self.readonly_fields

    def has_delete_permission(self, request, obj=None):
        return obj is None or not obj.is_fixed


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "opens_on", "closes_on", "access_mode"]
    list_filter = ["access_mode", "organisation"]
    search_fields = ["title", "organisation__name"]
    autocomplete_fields = ["organisation"]
    # The key is the campaign's public address: fixed once posters are printed.
    exclude = ["key"]
    inlines = [CustomQuestionInline]

    def get_readonly_fields(self, request, obj=None):
        """The fields the monitor's promise has locked (Campaign.locked_fields_changed refuses
        them on save too): everything but the title once closed; the minimum (which may
        still rise in the HR pages), the access and the version once it has opened."""
        locked = ["closed_on", "raw_data_purged_on"]
        if obj is None:
            return locked
        if obj.state_on(timezone.localdate()) == CampaignState.CLOSED:
            return [
                *locked,
                "opens_on",
                "closes_on",
                "invited_count",
                "min_group_size",
                "access_mode",
                "questionnaire_version",
                "organisation",
            ]
        if obj.is_fixed:
            return [
                *locked,
                "min_group_size",
                "access_mode",
                "questionnaire_version",
                "organisation",
            ]
        return locked


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "organisation", "is_active"]
    list_filter = ["is_active", "organisation"]
    search_fields = ["name", "organisation__name"]
    autocomplete_fields = ["organisation"]
    readonly_fields = ["code"]

    def has_add_permission(self, request):
        return False  # codes are assigned by the HR pages


@admin.register(ReferenceFigure)
class ReferenceFigureAdmin(admin.ModelAdmin):
    list_display = ["key", "label", "percentage", "source", "is_verified"]
    list_filter = ["is_verified"]
    search_fields = ["key", "label", "source"]
