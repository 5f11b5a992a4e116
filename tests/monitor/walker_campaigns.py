"""URL-walker samples for the monitor's campaigns pages (read by tests/test_url_walker.py).

SAMPLES maps a URL name to a function of the walker's world (see the world fixture there: it holds
"org", "campaign", "department" and "custom_question" of organisation A) returning the URL kwargs.
"""


def _org(w):
    return {"slug": w["org"].slug}


def _campaign(w):
    return {**_org(w), "pk": w["campaign"].pk}


def _question(w):
    return {**_campaign(w), "question_pk": w["custom_question"].pk}


def _department(w):
    return {**_org(w), "pk": w["department"].pk}


SAMPLES = {
    "monitor:campaign_list": _org,
    "monitor:campaign_create": _org,
    "monitor:campaign_detail": _campaign,
    "monitor:campaign_edit": _campaign,
    "monitor:campaign_close": _campaign,
    "monitor:campaign_qr": _campaign,
    "monitor:campaign_poster": _campaign,
    "monitor:codes_generate": _campaign,
    "monitor:question_create": _campaign,
    "monitor:question_edit": _question,
    "monitor:question_delete": _question,
    "monitor:department_list": _org,
    "monitor:department_create": _org,
    "monitor:department_edit": _department,
    "monitor:department_delete": _department,
}
PUBLIC_URLS: set[str] = set()
