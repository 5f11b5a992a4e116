"""URL-walker samples for the statements (read by tests/test_url_walker.py)."""


def _org(w):
    return {"slug": w["org"].slug}


SAMPLES = {
    "statements:campaign_privacy": lambda w: {"key": w["campaign"].key},
    "statements:campaign_accessibility": lambda w: {"key": w["campaign"].key},
    "org_statements:settings": _org,
    "org_statements:register_docx": _org,
}
# The statements are public by design: the law asks that anyone can read them, and respondents
# reach their monitor's versions by its key, as they reach the monitor.
PUBLIC_URLS: set[str] = {
    "statements:security_txt",
    "statements:members_privacy",
    "statements:respondent_privacy",
    "statements:accessibility",
    "statements:campaign_privacy",
    "statements:campaign_accessibility",
}
