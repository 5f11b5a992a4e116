"""Platform staff see which organisations took their full export, and delete an organisation
after one (the action refuses without a recent export and asks for confirmation)."""

from django.contrib import admin, messages
from django.contrib.admin.options import ActionLocation
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from exit import services
from exit.models import OrganisationExport
from programme.admin import OrganisationAdmin
from programme.models import Organisation


@admin.register(OrganisationExport)
class OrganisationExportAdmin(admin.ModelAdmin):
    list_display = ["organisation", "made_at", "made_by", "file_count", "size"]
    list_filter = ["organisation"]
    readonly_fields = ["organisation", "made_by", "made_at", "file_count", "size"]

    def has_add_permission(self, request):
        return False  # an export is recorded only by making one


@admin.action(description=gettext_lazy("Delete after their full export"))
def delete_after_export(modeladmin, request, queryset):
    organisations = list(queryset)
    refusals = [r for r in (services.deletion_refusal(o) for o in organisations) if r]
    if refusals:
        for refusal in refusals:
            modeladmin.message_user(request, refusal, messages.ERROR)
        return None
    if request.POST.get("confirm") != "yes":
        return TemplateResponse(
            request,
            "exit/admin_delete_confirm.html",
            {
                **modeladmin.admin_site.each_context(request),
                "organisations": [(o, services.last_export(o)) for o in organisations],
                "action": "delete_after_export",
                "selected": [o.pk for o in organisations],
                "opts": modeladmin.model._meta,
            },
        )
    for organisation in organisations:
        result = services.delete_organisation(organisation=organisation)
        modeladmin.message_user(
            request,
            _("%(slug)s deleted, with %(files)d stored files and %(users)d accounts.")
            % {"slug": result.organisation, "files": result.files, "users": result.users},
            messages.SUCCESS,
        )
    return None


class ExitOrganisationAdmin(OrganisationAdmin):
    list_display = [*OrganisationAdmin.list_display, "last_export"]
    actions = [delete_after_export]

    @admin.display(description=gettext_lazy("last full export"))
    def last_export(self, organisation):
        export = services.last_export(organisation)
        return export.made_at if export else "—"

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location=action_location)
        # Django's own bulk delete would skip the export check and leave files in storage.
        actions.pop("delete_selected", None)
        return actions


admin.site.unregister(Organisation)
admin.site.register(Organisation, ExitOrganisationAdmin)
