"""The public pages: the directory of published profiles, each profile and its employer's logo.

Kept apart from the HR pages (as pretix keeps its shop apart from its back office): no login,
nothing shown but the version an HR advisor published, and 404 for an unpublished profile.
"""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from programme.images import logo_response
from recognition import selectors


@login_not_required
def directory(request):
    return render(
        request,
        "recognition/public_directory.html",
        {"entries": selectors.directory_entries(today=timezone.localdate())},
    )


@login_not_required
def profile(request, slug: str):
    published = selectors.published_profile_for(slug=slug)
    page = selectors.profile_page(profile=published, today=timezone.localdate(), published=True)
    logo_url = reverse("public:logo", kwargs={"slug": slug}) if page.organisation.logo else ""
    return render(
        request,
        "recognition/public_profile.html",
        {
            "page": page,
            "logo_url": logo_url,
            "absolute_logo_url": request.build_absolute_uri(logo_url) if logo_url else "",
        },
    )


@login_not_required
def logo(request, slug: str):
    """The employer's logo, public only while its profile is published."""
    organisation = selectors.published_profile_for(slug=slug).organisation
    return logo_response(organisation, cache_control="public, max-age=3600")
