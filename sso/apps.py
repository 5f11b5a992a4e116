from django.apps import AppConfig
from django.db.models.signals import post_delete
from django.utils.translation import gettext_lazy as _


def _delete_social_app(sender, instance, **kwargs):
    # An identity provider goes with its organisation (exit's deletion, the admin): its allauth
    # app must go too, or the links of its members' accounts would still log them in.
    if instance.social_app_id is not None:
        from allauth.socialaccount.models import SocialApp

        SocialApp.objects.filter(pk=instance.social_app_id).delete()


class SsoConfig(AppConfig):
    name = "sso"
    verbose_name = _("Single sign-on")

    def ready(self):
        post_delete.connect(
            _delete_social_app, sender=self.get_model("IdentityProvider"), dispatch_uid="sso.app"
        )
