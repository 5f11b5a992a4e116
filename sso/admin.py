"""Platform staff set up an organisation's identity provider in one form: the protocol and its
fields, the e-mail domains, and whether passwords still work. Saving keeps allauth's app in line
(sso.services.provider_sync); allauth's own SocialApp admin is not needed for it."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from sso import services
from sso.models import EmailDomain, IdentityProvider, normalise_domain


class EmailDomainForm(forms.ModelForm):
    class Meta:
        model = EmailDomain
        fields = ["domain"]

    def clean_domain(self):
        # Folded here already, so that two spellings of one domain in the same form are
        # caught as duplicates instead of reaching the database's unique index.
        return normalise_domain(self.cleaned_data["domain"])


class EmailDomainInline(admin.TabularInline):
    model = EmailDomain
    form = EmailDomainForm
    extra = 1
    min_num = 1
    validate_min = True


class IdentityProviderForm(forms.ModelForm):
    oidc_client_secret = forms.CharField(
        label=_("client secret (OpenID Connect)"),
        required=False,
        strip=True,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text=_("Leave empty to keep the secret that is stored."),
    )

    class Meta:
        model = IdentityProvider
        fields = [
            "organisation",
            "kind",
            "is_active",
            "password_login_allowed",
            "oidc_issuer",
            "oidc_client_id",
            "oidc_client_secret",
            "saml_entity_id",
            "saml_metadata_url",
            "saml_sso_url",
            "saml_certificate",
        ]

    def clean_oidc_client_secret(self):
        # A secret is never shown again; an empty field keeps the stored one.
        return self.cleaned_data["oidc_client_secret"] or self.instance.oidc_client_secret


@admin.register(IdentityProvider)
class IdentityProviderAdmin(admin.ModelAdmin):
    form = IdentityProviderForm
    list_display = ["organisation", "kind", "is_active", "password_login_allowed", "domain_list"]
    list_filter = ["kind", "is_active", "password_login_allowed"]
    search_fields = ["organisation__name", "domains__domain"]
    autocomplete_fields = ["organisation"]
    readonly_fields = ["login_addresses"]
    inlines = [EmailDomainInline]
    fieldsets = [
        (None, {"fields": ["organisation", "kind", "is_active", "password_login_allowed"]}),
        (_("OpenID Connect"), {"fields": ["oidc_issuer", "oidc_client_id", "oidc_client_secret"]}),
        (
            _("SAML 2.0"),
            {
                "fields": [
                    "saml_entity_id",
                    "saml_metadata_url",
                    "saml_sso_url",
                    "saml_certificate",
                ]
            },
        ),
        (_("For the identity provider's administrator"), {"fields": ["login_addresses"]}),
    ]

    @admin.display(description=_("e-mail domains"))
    def domain_list(self, obj):
        return ", ".join(d.domain for d in obj.domains.all())

    @admin.display(description=_("addresses to register at the identity provider"))
    def login_addresses(self, obj):
        slug = obj.organisation.slug if obj and obj.pk else "<slug>"
        return _(
            "OpenID Connect redirect URI: "
            "https://<this site>/accounts/oidc/%(slug)s/login/callback/ · "
            "SAML entity ID (metadata): https://<this site>/accounts/saml/%(slug)s/metadata/ · "
            "SAML reply URL (ACS): https://<this site>/accounts/saml/%(slug)s/acs/"
        ) % {"slug": slug}

    def get_queryset(self, request):
        return (
            super().get_queryset(request).select_related("organisation").prefetch_related("domains")
        )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # After the domains: the allauth app trusts the provider's e-mail for them only.
        services.provider_sync(provider=form.instance)

    def delete_model(self, request, obj):
        services.provider_delete(provider=obj)

    def delete_queryset(self, request, queryset):
        for provider in queryset:
            services.provider_delete(provider=provider)
