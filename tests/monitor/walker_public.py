"""URL-walker samples for the monitor's public pages (read by tests/test_url_walker.py).

SAMPLES maps a URL name to a function of the walker's world (see the world fixture there: it holds
"org", "campaign", "department" and "custom_question" of organisation A) returning the URL kwargs.
"""

SAMPLES = {
    "respond:start": lambda w: {"key": w["campaign"].key},
    "respond:step": lambda w: {"key": w["campaign"].key, "section": "caregiving"},
    "respond:thanks": lambda w: {"key": w["campaign"].key},
}
# Employees answer the monitor without an account: these pages are public by design.
PUBLIC_URLS: set[str] = {"respond:start", "respond:step", "respond:thanks"}
