"""URL-walker samples for readiness, the recognition record, the dossier and the public profile
(read by tests/test_url_walker.py). The world publishes organisation A's profile, so that its
public page opens; the directory and the profile are the public URLs."""

from datetime import date

from recognition import services


def world(organisation) -> dict:
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
}
PUBLIC_URLS = {"public:directory", "public:profile"}
