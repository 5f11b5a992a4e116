"""URL-walker samples for the monitor's results pages (read by tests/test_url_walker.py).

SAMPLES maps a URL name to a function of the walker's world (see the world fixture there: it holds
"org", "campaign", "department" and "custom_question" of organisation A) returning the URL kwargs.
"""


def _campaign(w):
    return {"slug": w["org"].slug, "pk": w["campaign"].pk}


SAMPLES = {
    "monitor:results": _campaign,
    "monitor:results_export": lambda w: {**_campaign(w), "file_format": "csv"},
    "monitor:free_texts_sharing": _campaign,
}
PUBLIC_URLS: set[str] = set()
