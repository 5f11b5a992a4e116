"""The admin site is for platform staff: organisations, memberships and their data."""

from django.contrib import admin

from programme.models import (
    Action,
    ContactPerson,
    Membership,
    Organisation,
    Regulation,
    SupportOffer,
)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "kind", "employee_count", "created_at"]
    list_filter = ["kind"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role", "created_at"]
    list_filter = ["role", "organisation"]
    search_fields = ["user__email", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "year", "pillar", "status", "planned_date"]
    list_filter = ["year", "pillar", "status", "organisation"]
    search_fields = ["title", "description", "owner", "partner"]
    autocomplete_fields = ["organisation"]
    raw_id_fields = ["carried_from"]


@admin.register(ContactPerson)
class ContactPersonAdmin(admin.ModelAdmin):
    list_display = ["name", "function", "organisation"]
    list_filter = ["organisation"]
    search_fields = ["name", "email"]


@admin.register(SupportOffer)
class SupportOfferAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "organisation"]
    list_filter = ["kind", "organisation"]
    search_fields = ["name"]


@admin.register(Regulation)
class RegulationAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "organisation", "last_checked"]
    list_filter = ["kind", "organisation"]
    search_fields = ["title"]
