from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


def _delete_social_app(sender, instance, **kwargs):
    # An identity provider goes with its organisation (exit's deletion, the admin): its allauth
    # app must go too, or the links of its members' accounts would still log them in.
    if instance.social_app_id is not None:
        from allauth.socialaccount.models import SocialApp

        SocialApp.objects.filter(pk=instance.social_app_id).delete()


def _follow_the_slug(sender, instance, raw=False, **kwargs):
    # The allauth app is found by the organisation's slug (its URLs hold it): a new slug
    # gives it the new one.
    if raw:
        return
    from sso import services
    from sso.models import IdentityProvider

    provider = IdentityProvider.objects.filter(organisation=instance).select_related("social_app")
    provider = provider.first()
    if (
        provider is not None
        and provider.social_app
        and (provider.social_app.provider_id != instance.slug)
    ):
        services.provider_sync(provider=provider)


def _organisation_login_path(email: str) -> str | None:
    # For accounts.login_policy: an address whose organisation allows no password logs in here.
    from django.urls import reverse

    from sso.selectors import password_login_refused

    return reverse("sso:start") if password_login_refused(email) is not None else None


class SsoConfig(AppConfig):
    name = "sso"
    verbose_name = _("Single sign-on")

    def ready(self):
        from accounts.login_policy import register_organisation_login

        register_organisation_login(_organisation_login_path)
        post_delete.connect(
            _delete_social_app, sender=self.get_model("IdentityProvider"), dispatch_uid="sso.app"
        )
        post_save.connect(
            _follow_the_slug, sender="programme.Organisation", dispatch_uid="sso.follow_slug"
        )
