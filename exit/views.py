"""The HR advisor's full export of the organisation: a page that says what is in it, and a POST
that builds the ZIP (exit.services) and streams it from its temporary file."""

from django.http import FileResponse
from django.shortcuts import render
from django.utils import timezone

from accounts.reauth import recent_sign_in_required
from exit import services
from exit.selectors import export_contents
from programme.scoping import OrgContext, org_view


@org_view(hr_only=True)
@recent_sign_in_required  # everything the organisation holds, in one file
def export(request, ctx: OrgContext):
    if request.method == "POST":
        archive = services.export_organisation(organisation=ctx.organisation, by=request.user)
        response = FileResponse(
            archive,
            as_attachment=True,
            filename=services.export_file_name(ctx.organisation, timezone.localdate()),
            content_type="application/zip",
        )
        response["Cache-Control"] = "private, no-store"
        return response
    return render(
        request,
        "exit/export.html",
        {"ctx": ctx, **export_contents(ctx.organisation)},
    )
