"""The monitor in the admin: campaigns, departments and the national reference figures.

Responses, answers, free-text answers and access codes are deliberately absent: the admin
must not become a way around the minimum group size (see DESIGN.md, the monitor's anonymity).
"""

from django.contrib import admin

from monitor.models import Campaign, CustomQuestion, Department, ReferenceFigure


class CustomQuestionInline(admin.TabularInline):
    model = CustomQuestion
    extra = 0
    fields = ["code", "kind", "text", "text_en", "options"]
    readonly_fields = ["code"]

    def has_add_permission(self, request, obj=None):
        return False  # the code is assigned by the HR pages, which also enforce the maximum


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "opens_on", "closes_on", "access_mode"]
    list_filter = ["access_mode", "organisation"]
    search_fields = ["title", "organisation__name"]
    autocomplete_fields = ["organisation"]
    # The key is the campaign's public address: fixed once posters are printed.
    exclude = ["key"]
    inlines = [CustomQuestionInline]


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
