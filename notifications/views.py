"""The member's mail and calendar settings, HR's organisation calendar link, and the feeds."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from notifications import selectors, services
from notifications.forms import MailSettingsForm
from notifications.ical import ics_for
from programme.scoping import OrgContext, org_view


def settings_page(request):
    user = request.user
    form = MailSettingsForm(request.POST or None, instance=user)
    if request.method == "POST" and form.is_valid():
        services.mail_settings_update(
            user=user,
            language=form.cleaned_data["language"],
            weekly_digest=form.cleaned_data["weekly_digest"],
        )
        messages.success(request, _("Your settings have been saved."))
        return redirect("notifications:settings")
    return render(
        request,
        "notifications/settings.html",
        {"form": form, "feed_path": selectors.feed_path(selectors.user_feed(user))},
    )


@require_POST
def feed_renew(request):
    if request.POST.get("revoke"):
        services.user_feed_revoke(user=request.user)
        messages.success(request, _("Your calendar link has been switched off."))
    else:
        services.user_feed_renew(user=request.user)
        messages.success(request, _("Your new calendar link is ready; the old one stops working."))
    return redirect("notifications:settings")


@org_view(hr_only=True)
@require_POST
def organisation_feed_renew(request, ctx: OrgContext):
    if request.POST.get("revoke"):
        services.organisation_feed_revoke(organisation=ctx.organisation)
        messages.success(request, _("The organisation's calendar link has been switched off."))
    else:
        services.organisation_feed_renew(organisation=ctx.organisation)
        messages.success(
            request, _("The organisation's new calendar link is ready; the old one stops working.")
        )
    return redirect("programme:organisation", ctx.organisation.slug)


@login_not_required
@never_cache
@require_GET
def feed(request, token: str):
    """Public by its secret: calendar programs fetch it without logging in. Unknown: 404."""
    found = selectors.feed_for_token(token)
    if found is None:
        raise Http404
    if found.organisation is not None:
        events = selectors.organisation_events(found.organisation)
        name = found.organisation.name
    else:
        if not found.user.is_active:
            raise Http404
        with translation.override(found.user.language):
            events = selectors.member_events(found.user)
            name = _("My programme dates")
    response = HttpResponse(ics_for(events, name=name), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="agenda.ics"'
    response["X-Robots-Tag"] = "noindex"
    return response
