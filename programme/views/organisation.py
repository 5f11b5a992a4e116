"""The organisation's own settings and its logo."""

import mimetypes

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from programme import services
from programme.forms import OrganisationForm
from programme.scoping import OrgContext, org_view


@org_view()
def organisation_detail(request, ctx: OrgContext):
    return render(request, "programme/organisation_detail.html", {"ctx": ctx})


@org_view(hr_only=True)
def organisation_edit(request, ctx: OrgContext):
    form = OrganisationForm(request.POST or None, request.FILES or None, instance=ctx.organisation)
    if request.method == "POST" and form.is_valid():
        services.organisation_update(organisation=ctx.organisation, fields=form.cleaned_data)
        messages.success(request, _("The organisation's details have been saved."))
        return redirect("programme:organisation", slug=ctx.organisation.slug)
    return render(request, "programme/organisation_form.html", {"ctx": ctx, "form": form})


@org_view()
def organisation_logo(request, ctx: OrgContext):
    """Serve the logo to members only; uploaded files are never public by their path."""
    logo = ctx.organisation.logo
    if not logo:
        raise Http404
    content_type = mimetypes.guess_type(logo.name)[0] or "application/octet-stream"
    response = FileResponse(logo.open("rb"), content_type=content_type)
    response["Cache-Control"] = "private, max-age=3600"
    return response
