"""URL-walker samples for readiness, the recognition record, the dossier and the public profile
(read by tests/test_url_walker.py). The world gives organisation A a logo and publishes its
profile, so that its public page and logo open; the directory, the profile and its logo are the
public URLs."""

from datetime import date

from django.core.files.base import ContentFile

from programme.demo import logo_png
from recognition import services


def world(organisation) -> dict:
    organisation.logo.save(f"{organisation.slug}.png", ContentFile(logo_png()), save=True)
    services.profile_publish(organisation=organisation, publish=True, today=date(2026, 11, 10))
    return {}


def _org(w):
    return {"slug": w["org"].slug}


SAMPLES = {
    "recognition:readiness": _org,
    "recognition:recognition_edit": _org,
    "recognition:recognition_next": _org,
    "recognition:dossier": _org,
    "recognition:profile_edit": _org,
    "recognition:profile_preview": _org,
    "recognition:profile_publish": _org,
    "public:profile": _org,
    "public:logo": _org,
}
PUBLIC_URLS = {"public:directory", "public:profile", "public:logo"}
