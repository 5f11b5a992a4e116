"""django-allauth's hooks: who may sign up, how its mail is sent, and the link that sets a
password (shared by the password reset and every invitation)."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings
from django.contrib.auth import get_user_model
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from accounts.mail import Mail, enqueue_mail, mail_renderer, seal, unseal
from accounts.reauth import recently_signed_in


def user_display(user) -> str:
    """How allauth names a user on its pages and in its mail: as the rest of the app does."""
    return user.display_name


def password_setup_path(user) -> str:
    """The path of the link with which `user` chooses a (new) password; it holds a fresh token.

    allauth's own reset link: the token is the same one its password reset checks, so that an
    invitation and a reset lead to the same page and both stop working once a password is set."""
    return reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(user),
            "key": default_token_generator.make_token(user),
        },
    )


@mail_renderer
def password_reset_mail(*, user_id: int, base_url: str):
    """allauth's password reset mail, rendered in the worker: the token is made there, so that
    the queue never holds it."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return None
    context = {
        "user": user,
        "email": user.email,
        "password_reset_url": base_url.rstrip("/") + password_setup_path(user),
    }
    subject = " ".join(
        render_to_string("account/email/password_reset_key_subject.txt", context).splitlines()
    ).strip()
    body = render_to_string("account/email/password_reset_key_message.txt", context)
    return Mail(subject=subject, body=body, to=[user.email])


@mail_renderer
def sealed_mail(*, sealed_subject: str, sealed_body: str, to: list[str]):
    """A mail of allauth's rendered in the request (its context holds objects the worker
    cannot look up again); sealed, so that the queue's rows never hold it readable."""
    return Mail(subject=unseal(sealed_subject), body=unseal(sealed_body), to=to)


class AccountAdapter(DefaultAccountAdapter):
    """Accounts are made by invitation only (an HR advisor or a support coordinator adds a
    member), and allauth's mail goes through the task queue like all other mail."""

    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "email_password_mismatch": _(
            "The e-mail address or password is not correct. Both are case-sensitive "
            "except the e-mail address."
        ),
    }

    def is_open_for_signup(self, request) -> bool:
        return False

    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        # allauth's own weighty pages (setting up two-step verification, new recovery codes)
        # follow our rule (accounts.reauth): a login a few minutes ago counts as signing in
        # again, so a member who just logged in is not asked for the same password twice.
        if self.request is not None and recently_signed_in(self.request):
            return False
        return super().is_reauthentication_required(app=app, **kwargs)

    def send_password_reset_mail(self, user, email: str, context: dict) -> None:
        enqueue_mail(
            "accounts.adapters.password_reset_mail",
            language=translation.get_language() or settings.LANGUAGE_CODE,
            after_commit=False,  # it follows no change to wait for
            user_id=user.pk,
            base_url=self.request.build_absolute_uri("/"),
        )

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        message = self.render_mail(template_prefix, email, {"email": email, **context})
        enqueue_mail(
            "accounts.adapters.sealed_mail",
            language=translation.get_language() or settings.LANGUAGE_CODE,
            after_commit=False,
            sealed_subject=seal(message.subject),
            sealed_body=seal(message.body),
            to=list(message.to),
        )


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """Signing in through an identity provider: closed unless an app above says otherwise (the
    single sign-on of an organisation, sso/adapters.py)."""

    def is_open_for_signup(self, request, sociallogin) -> bool:
        return False
