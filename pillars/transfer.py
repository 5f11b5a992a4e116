"""Import and export of pillar progress (filled in by the import/export work)."""

from django.http import Http404

from programme.scoping import OrgContext, org_view


@org_view()
def progress_export(request, ctx: OrgContext, file_format: str):
    raise Http404


@org_view(hr_only=True)
def progress_import(request, ctx: OrgContext):
    raise Http404
