"""The public page of an invitation from a support organisation's pipeline.

The link carries its own secret: whoever holds it may register the invited employer (or link an
organisation where they are an HR advisor), which the support organisation then follows at once.
Like the monitor's public pages: never cached, never indexed, no referrer to other sites, and an
unknown, used or expired link gets a page of its own with 404."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from accounts.keys import login_key
from accounts.models import User
from support import pipeline_selectors as selectors
from support import pipeline_services as services
from support.access import invitation_for_token
from support.forms_pipeline import LinkOrganisationForm, NewAccountForm, NewOrganisationForm
from support.services import SupportError

# What the page offers, by who opens the link.
NEW_ACCOUNT = "new_account"  # no account for the invited address yet
LOG_IN = "log_in"  # the invited address has an account: log in first
LINK = "link"  # logged in as an HR advisor: choose which organisation to link
REGISTER = "register"  # logged in with the invited address, HR nowhere: register one
OTHER_ACCOUNT = "other_account"  # logged in with another address and HR nowhere


def public_page(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            response = view(request, *args, **kwargs)
        except Http404:
            response = render(request, "support/invitation/not_found.html", status=404)
        # same-origin rather than no-referrer: see monitor.views.respond.public_page.
        response["Referrer-Policy"] = "same-origin"
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return login_not_required(never_cache(wrapper))


def _mode(request, invitation, hr_organisations) -> str:
    user = request.user
    if not user.is_authenticated:
        return LOG_IN if User.objects.find_by_email(invitation.email) else NEW_ACCOUNT
    if hr_organisations:
        return LINK
    return REGISTER if login_key(user.email) == login_key(invitation.email) else OTHER_ACCOUNT


def _form(mode: str, request, invitation, hr_organisations):
    data = request.POST if request.method == "POST" else None
    prospect = invitation.prospect
    initial = {
        "full_name": invitation.full_name,
        "organisation_name": prospect.name,
        "kind": prospect.kind,
        "employee_count": prospect.employee_count,
    }
    if mode == NEW_ACCOUNT:
        return NewAccountForm(data, initial=initial, email=invitation.email)
    if mode == REGISTER:
        return NewOrganisationForm(data, initial=initial)
    if mode == LINK:
        return LinkOrganisationForm(data, organisations=hr_organisations)
    return None


def _accept(request, invitation, mode: str, form):
    if mode == NEW_ACCOUNT:
        return services.invitation_accept(
            invitation=invitation,
            account=form.account_fields(),
            new_organisation=form.organisation_fields(),
        )
    if mode == REGISTER:
        return services.invitation_accept(
            invitation=invitation, by=request.user, new_organisation=form.organisation_fields()
        )
    return services.invitation_accept(
        invitation=invitation, by=request.user, organisation=form.cleaned_data["organisation"]
    )


@public_page
def invitation(request, token: str):
    invitation = invitation_for_token(token)
    hr_organisations = selectors.hr_organisations_of(request.user)  # none for a visitor
    mode = _mode(request, invitation, hr_organisations)
    form = _form(mode, request, invitation, hr_organisations)
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            accepted = _accept(request, invitation, mode, form)
        except SupportError as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            if accepted.new_user:
                login(request, accepted.user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(
                request,
                _(
                    "Welcome. %(support)s now follows %(organisation)s and reads its published "
                    "programme. You can end that at any time."
                )
                % {
                    "support": invitation.prospect.support_organisation.name,
                    "organisation": accepted.organisation.name,
                },
            )
            return redirect("programme:dashboard", slug=accepted.organisation.slug)
    login_url = reverse("account_login") + "?" + urlencode({"next": request.path})
    return render(
        request,
        "support/invitation/invitation.html",
        {
            "invitation": invitation,
            "support_organisation": invitation.prospect.support_organisation,
            "mode": mode,
            "form": form,
            "login_url": login_url,
        },
    )
