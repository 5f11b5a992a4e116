"""The respondent pages' short-lived, per-process copies of a campaign and its questionnaire.

The respondent flow needs the campaign behind its link and its questionnaire on every page and
every send, the monitor's hottest path. They change rarely: the questions only before the first
day, the departments now and then, the campaign when HR edits or closes it. Each process keeps a
copy for KEEP_SECONDS; saving a campaign, a question or a department forgets the copies at once
in that process (monitor.models), so whoever made the change sees it straight away, and other app
servers within seconds. Whether a send is accepted never rests on a copy: the statement that
stores it checks in the database that the campaign is open (monitor.services).
"""

import time
from collections.abc import Callable
from typing import Any

KEEP_SECONDS = 10
_MAX_KEPT = 512
# (organisation id, campaign key, ...) -> (until, value)
_kept: dict[tuple, tuple[float, Any]] = {}


def kept(key: tuple, make: Callable[[], Any]) -> Any:
    """The copy kept under `key`, else a new one from `make`."""
    now = time.monotonic()
    found = _kept.get(key)
    if found is not None and found[0] > now:
        return found[1]
    value = make()
    if len(_kept) >= _MAX_KEPT:
        _kept.clear()
    _kept[key] = (now + KEEP_SECONDS, value)
    return value


def forget(*, organisation_id: int | None = None, campaign_key: str | None = None) -> None:
    """Drop the copies of one organisation, or of one campaign (by its link key)."""
    for key in list(_kept):
        if (organisation_id is not None and key[1] == organisation_id) or (
            campaign_key is not None and key[2] == campaign_key
        ):
            _kept.pop(key, None)
