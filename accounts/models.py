"""A user logs in with an e-mail address; there is no separate user name."""

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.keys import login_key


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email: str, password: str | None = None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username):
        # The login's look-up: by the same key the throttle counts failures on (accounts.keys).
        return self.get(email_key=login_key(username))

    def find_by_email(self, email: str):
        """The account this address reaches at login, or None."""
        return self.filter(email_key=login_key(email)).first()


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("e-mail address"), unique=True)
    # The address folded by accounts.keys.login_key: what login finds the account by. Unique, so
    # that no look-alike spelling ("adviſor@…" beside "advisor@…") can become a second account.
    email_key = models.TextField(unique=True, editable=False)
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    is_staff = models.BooleanField(
        _("platform staff"),
        default=False,
        help_text=_("Platform staff may use the admin site."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    # The language of the mail the platform sends this user (reminders, digests); the pages
    # follow the language switch. Dutch unless the user chose English.
    language = models.CharField(
        _("language of e-mails"),
        max_length=2,
        choices=[("nl", "Nederlands"), ("en", "English")],
        default="nl",
    )
    weekly_digest = models.BooleanField(
        _("weekly overview by e-mail"),
        default=True,
        help_text=_("Once a week: the checklist items and actions you own that are due."),
    )

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_unique_ci"),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.display_name

    def get_short_name(self) -> str:
        return self.display_name

    def clean(self):
        super().clean()
        if self.email:
            others = User.objects.filter(email_key=login_key(self.email)).exclude(pk=self.pk)
            if others.exists():
                raise ValidationError(
                    {"email": _("An account with this e-mail address already exists.")}
                )

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        self.email_key = login_key(self.email)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "email" in update_fields:
            kwargs["update_fields"] = {*update_fields, "email_key"}
        super().save(*args, **kwargs)
