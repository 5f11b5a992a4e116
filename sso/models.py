"""An organisation's identity provider, the e-mail domains it covers, and whether the
organisation's members may still log in with a password.

Platform staff fill these in the admin; `sso.services.provider_sync` keeps the allauth SocialApp
the login runs through in line with them, so that nobody edits a SocialApp's JSON by hand."""

from allauth.socialaccount.models import SocialApp
from cryptography import x509
from django.core.exceptions import ValidationError
from django.core.validators import validate_domain_name
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from accounts.keys import login_key
from programme.models import Organisation

# Mail services anyone can get an address at: a domain among them would let anybody become a
# member of the organisation through its identity provider.
PUBLIC_MAIL_DOMAINS = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "outlook.com",
        "outlook.nl",
        "hotmail.com",
        "hotmail.nl",
        "live.com",
        "live.nl",
        "msn.com",
        "yahoo.com",
        "icloud.com",
        "me.com",
        "proton.me",
        "protonmail.com",
        "ziggo.nl",
        "kpnmail.nl",
        "planet.nl",
        "home.nl",
        "xs4all.nl",
        "hetnet.nl",
        "casema.nl",
        "gmx.com",
        "gmx.net",
    }
)


def normalise_domain(value: str) -> str:
    """A domain as it is stored and looked up: folded like a login address (accounts.keys),
    without a leading "@" or a trailing dot."""
    return login_key(value).lstrip("@").rstrip(".")


def domain_of(email: str) -> str:
    """The domain part of an e-mail address, folded as the stored domains are."""
    local, at, domain = login_key(email).rpartition("@")
    return normalise_domain(domain) if at and local else ""


def validate_email_domain(value: str) -> None:
    domain = normalise_domain(value)
    try:
        validate_domain_name(domain)
    except ValidationError:
        raise ValidationError(
            _("%(domain)s is not a domain name; write it as gemeente-voorbeeld.nl."),
            code="invalid",
            params={"domain": value},
        ) from None
    if "." not in domain:
        raise ValidationError(
            _("%(domain)s is not a domain name; write it as gemeente-voorbeeld.nl."),
            code="invalid",
            params={"domain": value},
        )
    if domain in PUBLIC_MAIL_DOMAINS:
        raise ValidationError(
            _(
                "%(domain)s is a public mail service: anyone with an address there could "
                "become a member. Only an organisation's own domains can be covered."
            ),
            code="public",
            params={"domain": domain},
        )


def certificate_problem(text: str) -> str | None:
    """None if `text` is an X.509 certificate in PEM (with or without its BEGIN/END lines),
    else what is wrong, for the admin form."""
    body = "".join(
        line.strip()
        for line in text.strip().splitlines()
        if line.strip() and not line.strip().startswith("-----")
    )
    pem = f"-----BEGIN CERTIFICATE-----\n{body}\n-----END CERTIFICATE-----\n"
    try:
        x509.load_pem_x509_certificate(pem.encode("ascii"))
    except (ValueError, UnicodeEncodeError):
        return str(_("This is not a certificate in PEM (Base64) form."))
    return None


class ProviderKind(models.TextChoices):
    OIDC = "oidc", _("OpenID Connect")
    SAML = "saml", _("SAML 2.0")


class IdentityProvider(models.Model):
    organisation = models.OneToOneField(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="identity_provider",
    )
    kind = models.CharField(_("protocol"), max_length=10, choices=ProviderKind)
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Off: the organisation's login is not offered, and passwords work again."),
    )
    password_login_allowed = models.BooleanField(
        _("members may also log in with a password"),
        default=True,
        help_text=_(
            "Off: an address in the domains below can only log in through the identity "
            "provider; its password login and password reset are refused."
        ),
    )
    # OpenID Connect (Microsoft Entra ID: the issuer is
    # https://login.microsoftonline.com/<tenant id>/v2.0).
    oidc_issuer = models.URLField(
        _("issuer (OpenID Connect)"),
        max_length=500,
        blank=True,
        help_text=_("The address its /.well-known/openid-configuration is found under."),
    )
    oidc_client_id = models.CharField(_("client ID (OpenID Connect)"), max_length=200, blank=True)
    oidc_client_secret = models.CharField(
        _("client secret (OpenID Connect)"), max_length=500, blank=True
    )
    # SAML: the identity provider's metadata address, or its entity ID, login address and
    # signing certificate.
    saml_entity_id = models.CharField(
        _("identity provider's entity ID (SAML)"), max_length=500, blank=True
    )
    saml_metadata_url = models.URLField(
        _("metadata address (SAML)"),
        max_length=500,
        blank=True,
        help_text=_("If given, the login address and certificate are read from it."),
    )
    saml_sso_url = models.URLField(_("login address (SAML)"), max_length=500, blank=True)
    saml_certificate = models.TextField(
        _("signing certificate (SAML)"),
        blank=True,
        help_text=_("The X.509 certificate in PEM (Base64) form."),
    )
    # The allauth app the login runs through, made and kept up to date by sso.services.
    social_app = models.OneToOneField(
        SocialApp,
        verbose_name=_("allauth app"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="organisation_provider",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("identity provider")
        verbose_name_plural = _("identity providers")
        ordering = ["organisation__name"]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_kind_display()})"

    def clean(self):
        super().clean()
        errors = {}
        required = {
            ProviderKind.OIDC: ["oidc_issuer", "oidc_client_id", "oidc_client_secret"],
            ProviderKind.SAML: ["saml_entity_id"],
        }.get(self.kind, [])
        if self.kind == ProviderKind.SAML and not self.saml_metadata_url:
            required += ["saml_sso_url", "saml_certificate"]
        for name in required:
            if not str(getattr(self, name)).strip():
                errors[name] = _("Needed for this protocol.")
        if self.kind == ProviderKind.SAML and self.saml_certificate.strip():
            problem = certificate_problem(self.saml_certificate)
            if problem:
                errors["saml_certificate"] = problem
        if errors:
            raise ValidationError(errors)

    @property
    def login_allowed_by_password(self) -> bool:
        """Whether a password login of an address this provider covers is allowed."""
        return self.password_login_allowed or not self.is_active


class EmailDomain(models.Model):
    provider = models.ForeignKey(
        IdentityProvider,
        verbose_name=_("identity provider"),
        on_delete=models.CASCADE,
        related_name="domains",
    )
    # Unique across all organisations: an address leads to one identity provider only.
    domain = models.CharField(
        _("e-mail domain"),
        max_length=253,
        unique=True,
        validators=[validate_email_domain],
        help_text=_("For example gemeente-voorbeeld.nl, without @."),
        error_messages={"unique": _("This domain is already covered by an organisation.")},
    )

    class Meta:
        verbose_name = _("e-mail domain")
        verbose_name_plural = _("e-mail domains")
        ordering = ["domain"]
        constraints = [
            # Stored folded (normalise_domain), so that the unique index is case-blind too.
            models.CheckConstraint(
                condition=models.Q(domain=Lower("domain")), name="emaildomain_lower_case"
            ),
        ]

    def __str__(self) -> str:
        return self.domain

    def save(self, *args, **kwargs):
        self.domain = normalise_domain(self.domain)
        super().save(*args, **kwargs)

    def clean_fields(self, exclude=None):
        self.domain = normalise_domain(self.domain or "")
        super().clean_fields(exclude=exclude)
