"""The public pages: the directory of published profiles and each profile.

Kept apart from the HR pages (as pretix keeps its shop apart from its back office): no login,
nothing shown but what an HR advisor published, and 404 for an unpublished profile.
"""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render

from recognition import selectors


@login_not_required
def directory(request):
    return render(
        request,
        "recognition/public_directory.html",
        {"profiles": selectors.published_profiles()},
    )


@login_not_required
def profile(request, slug: str):
    published = selectors.published_profile_for(slug=slug)
    page = selectors.profile_page(profile=published)
    return render(request, "recognition/public_profile.html", {"page": page})
