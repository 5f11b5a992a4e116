from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.contrib.auth.tokens import default_token_generator
from django.template import loader
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _

from accounts.mail import Mail, enqueue_mail, mail_renderer


class EmailAuthenticationForm(AuthenticationForm):
    """The login form, labelled for an e-mail address and ready for the browser's autofill."""

    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )

    error_messages = {
        "invalid_login": _(
            "The e-mail address or password is not correct. Both are case-sensitive "
            "except the e-mail address."
        ),
        "inactive": _("This account is inactive."),
    }


@mail_renderer
def password_reset_mail(
    *,
    user_id: int,
    domain: str,
    site_name: str,
    protocol: str,
    subject_template: str,
    email_template: str,
):
    """Django's password reset mail, rendered in the worker: the token is made there (as
    Django's form makes it), so that the queue never holds it."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return None
    context = {
        "email": user.email,
        "domain": domain,
        "site_name": site_name,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "user": user,
        "token": default_token_generator.make_token(user),
        "protocol": protocol,
    }
    subject = "".join(loader.render_to_string(subject_template, context).splitlines())
    return Mail(
        subject=subject, body=loader.render_to_string(email_template, context), to=[user.email]
    )


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's password reset form, with its mail sent as a background task (accounts.mail),
    in the language of the page on which it was asked for."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        enqueue_mail(
            "accounts.forms.password_reset_mail",
            language=translation.get_language() or settings.LANGUAGE_CODE,
            after_commit=False,  # it follows no change to wait for
            user_id=context["user"].pk,
            domain=context["domain"],
            site_name=context["site_name"],
            protocol=context["protocol"],
            subject_template=subject_template_name,
            email_template=email_template_name,
        )
