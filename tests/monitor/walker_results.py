"""URL-walker samples for the monitor's results pages (read by tests/test_url_walker.py).

SAMPLES maps a URL name to a function of the walker's world (see the world fixture there: it holds
"org", "campaign", "department" and "custom_question" of organisation A) returning the URL kwargs.
"""

SAMPLES = {}
PUBLIC_URLS: set[str] = set()
