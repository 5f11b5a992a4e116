"""allauth's hooks for single sign-on per organisation.

The social account adapter lets an organisation's identity provider sign in (and sign up) only
the addresses of the domains it covers; the account adapter refuses a password login or reset
of those addresses when the organisation has switched password logins off."""

import logging

from allauth.core import context as allauth_context
from allauth.core.exceptions import ImmediateHttpResponse
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from accounts.adapters import AccountAdapter as BaseAccountAdapter
from accounts.adapters import SocialAccountAdapter as BaseSocialAccountAdapter
from sso import services
from sso.selectors import covers, password_login_refused, provider_for_app

logger = logging.getLogger(__name__)


def _refusal(provider) -> ValidationError:
    return ValidationError(
        format_html(
            '{} <a href="{}">{}</a>',
            _("%(organisation)s lets you log in only through its own login, not with a password.")
            % {"organisation": provider.organisation.name},
            reverse("sso:start"),
            _("Log in with your organisation"),
        ),
        code="password_login_off",
    )


class AccountAdapter(BaseAccountAdapter):
    def authenticate(self, request, **credentials):
        provider = None
        if "password" in credentials:
            provider = password_login_refused(credentials.get("email") or "")
        user = super().authenticate(request, **credentials)
        # Platform staff keep their password (they set up the identity provider and must get
        # in when it fails); told apart only after a correct password, so the refusal says
        # nothing about who is staff.
        if provider is not None and not (user is not None and user.is_staff):
            raise _refusal(provider)
        return user

    def clean_email(self, email: str) -> str:
        email = super().clean_email(email)
        request = allauth_context.request
        match = getattr(request, "resolver_match", None)
        if match is not None and match.url_name == "account_reset_password":
            provider = password_login_refused(email)
            if provider is not None:
                raise _refusal(provider)
        return email

    def clean_password(self, password: str, user=None) -> str:
        # Setting a password (an invitation's link, a reset link sent before the switch, the
        # change page) would only make one that cannot be used.
        if user is not None and user.pk and not user.is_staff:
            provider = password_login_refused(user.email)
            if provider is not None:
                raise _refusal(provider)
        return super().clean_password(password, user=user)

    def send_password_reset_mail(self, user, email: str, context: dict) -> None:
        # Whatever path asked for it: no password link for an address that cannot use one.
        if password_login_refused(email) is not None and not user.is_staff:
            return
        super().send_password_reset_mail(user, email, context)


def _asserted_emails(sociallogin) -> list[str]:
    """The addresses the identity provider gave, its primary one first."""
    addresses = [a.email for a in sociallogin.email_addresses if a.email]
    if not addresses and not sociallogin.is_existing and sociallogin.user is not None:
        addresses = [sociallogin.user.email] if sociallogin.user.email else []
    return addresses


def _organisation_provider(sociallogin):
    provider = getattr(sociallogin, "provider", None) or sociallogin.account.get_provider()
    return provider_for_app(getattr(provider, "app", None))


class SocialAccountAdapter(BaseSocialAccountAdapter):
    def on_authentication_error(
        self, request, provider, error=None, exception=None, extra_context=None
    ) -> None:
        # Back to "Inloggen met je organisatie" with a message in the member's language,
        # instead of allauth's page (in the logs: what went wrong, for the service desk).
        if provider_for_app(getattr(provider, "app", None)) is None:
            return super().on_authentication_error(
                request, provider, error, exception, extra_context
            )
        logger.warning(
            "login through the identity provider %s failed: %s %s %s",
            getattr(provider, "sub_id", "?"),
            error,
            exception or "",
            (extra_context or {}).get("saml_last_error_reason", ""),
        )
        messages.error(
            request,
            _(
                "Logging in through your organisation did not succeed. Try again; if it "
                "keeps failing, ask your organisation's IT service desk."
            ),
        )
        raise ImmediateHttpResponse(HttpResponseRedirect(reverse("sso:start")))

    def pre_social_login(self, request, sociallogin) -> None:
        provider = _organisation_provider(sociallogin)
        if provider is None:
            return super().pre_social_login(request, sociallogin)
        emails = _asserted_emails(sociallogin)
        # The provider's word on an address counts for its own domains only: an Entra tenant
        # can hold guests and addresses of other domains.
        email = next((e for e in emails if covers(provider, e)), None)
        if email is None:
            raise ImmediateHttpResponse(
                render(
                    request,
                    "sso/refused.html",
                    {"organisation": provider.organisation, "emails": emails},
                    status=403,
                )
            )
        if sociallogin.is_existing:
            return  # linked at an earlier login
        user = get_user_model().objects.find_by_email(email)
        if user is not None:
            sociallogin.connect(request, user)
            services.account_linked(provider=provider, user=user)
        # Otherwise a new user: allauth signs them up (is_open_for_signup, save_user).

    def is_open_for_signup(self, request, sociallogin) -> bool:
        provider = _organisation_provider(sociallogin)
        if provider is None:
            return super().is_open_for_signup(request, sociallogin)
        return any(covers(provider, e) for e in _asserted_emails(sociallogin))

    def is_auto_signup_allowed(self, request, sociallogin) -> bool:
        if _organisation_provider(sociallogin) is not None:
            return True  # no sign-up form: the provider vouches for the address
        return super().is_auto_signup_allowed(request, sociallogin)

    def populate_user(self, request, sociallogin, data):
        user = super().populate_user(request, sociallogin, data)
        name = (data.get("name") or "").strip() or " ".join(
            part for part in (data.get("first_name"), data.get("last_name")) if part
        )
        user.full_name = name[:150]
        return user

    def save_user(self, request, sociallogin, form=None):
        user = super().save_user(request, sociallogin, form)
        provider = _organisation_provider(sociallogin)
        if provider is not None:
            services.member_join(provider=provider, user=user)
        return user
