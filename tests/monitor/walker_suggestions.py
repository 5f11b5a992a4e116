"""URL-walker samples for the monitor's suggestions pages (read by tests/test_url_walker.py).

SAMPLES maps a URL name to a function of the walker's world (see the world fixture there: it holds
"org", "campaign", "department" and "custom_question" of organisation A) returning the URL kwargs.
"""


def world(organisation) -> dict:
    """A closed campaign whose carers mostly did not talk with their manager, so that its
    results suggest training managers: the adopt URL then lets HR through."""
    from tests.monitor.conftest import close, make_campaign
    from tests.monitor.test_suggestions import respond_talked_little

    campaign = make_campaign(organisation, title="Monitor met resultaten")
    respond_talked_little(campaign)
    return {"published": close(campaign)}


SAMPLES = {
    # Without "published" in the world (see world above), the world's campaign has no
    # responses, so nothing is suggested: HR of organisation A gets 405 on GET (POST only) and
    # 404 on POST; HR of another organisation 404 either way.
    "monitor:suggestion_adopt": lambda w: {
        "slug": w["org"].slug,
        "pk": w.get("published", w["campaign"]).pk,
        "key": "train-managers",
    },
}
PUBLIC_URLS: set[str] = set()
