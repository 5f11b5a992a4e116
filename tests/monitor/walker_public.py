"""URL-walker samples for the monitor's public pages (read by tests/test_url_walker.py).

SAMPLES maps a URL name to a function of the walker's world (see the world fixture there: it holds
"org", "campaign", "department" and "custom_question" of organisation A) returning the URL kwargs.
"""

SAMPLES = {
    "respond:start": lambda w: {"key": w["campaign"].key},
    "respond:step": lambda w: {"key": w["campaign"].key, "section": "caregiving"},
    "respond:thanks": lambda w: {"key": w["campaign"].key},
    "respond:logo": lambda w: {"key": w["campaign"].key},
}
# Employees answer the monitor without an account: these pages are public by design.
# The employer's logo shows in their header; it is what the organisation puts on its posters.
PUBLIC_URLS: set[str] = {"respond:start", "respond:step", "respond:thanks", "respond:logo"}
