from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from accounts.middleware import on_user_logged_in

        # The session's clock of idle timeout and lifetime starts at every login.
        user_logged_in.connect(on_user_logged_in, dispatch_uid="accounts_session_clock")
