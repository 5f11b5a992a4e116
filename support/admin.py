"""Platform staff create support organisations and their first coordinator here.

Followings are the employers' choice and carry their record: the admin shows them read-only and
ends one only through the service, so that the end is recorded like any other."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from support.models import (
    Following,
    FollowingEvent,
    FollowingState,
    SupportMembership,
    SupportOrganisation,
)
from support.services import SupportError, following_end


class SupportMembershipInline(admin.TabularInline):
    model = SupportMembership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(SupportOrganisation)
class SupportOrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "commissioned_by", "created_at"]
    search_fields = ["name", "slug", "commissioned_by", "region"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [SupportMembershipInline]


@admin.register(SupportMembership)
class SupportMembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "support_organisation", "role", "created_at"]
    list_filter = ["role", "support_organisation"]
    search_fields = ["user__email", "support_organisation__name"]
    autocomplete_fields = ["user", "support_organisation"]


class FollowingEventInline(admin.TabularInline):
    model = FollowingEvent
    extra = 0
    can_delete = False
    fields = ["kind", "at", "by_name"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.action(description=_("End the selected followings"))
def end_followings(modeladmin, request, queryset):
    ended = 0
    for following in queryset.filter(state=FollowingState.ACTIVE):
        try:
            following_end(following=following, by=request.user)
        except SupportError as error:
            modeladmin.message_user(request, str(error), messages.ERROR)
        else:
            ended += 1
    modeladmin.message_user(request, _("Followings ended: %(count)d") % {"count": ended})


@admin.register(Following)
class FollowingAdmin(admin.ModelAdmin):
    list_display = ["support_organisation", "organisation", "state", "started_at", "ended_at"]
    list_filter = ["state", "support_organisation"]
    search_fields = ["support_organisation__name", "organisation__name"]
    readonly_fields = [
        "support_organisation",
        "organisation",
        "state",
        "created_at",
        "started_at",
        "ended_at",
    ]
    inlines = [FollowingEventInline]
    actions = [end_followings]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
