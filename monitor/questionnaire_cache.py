"""The respondent pages' short-lived, per-process copy of each campaign's questionnaire.

The respondent flow needs a campaign's questionnaire on every page and every send; it changes
only when HR edits the own questions (before anyone responded) or the departments. Each process
keeps a copy for QUESTIONNAIRE_SECONDS; saving or deleting a question or a department forgets
its organisation's copies at once in that process (monitor.models), so the HR advisor who made
the change sees it straight away, and other app servers within the half minute.
"""

import time
from collections.abc import Callable
from typing import Any

QUESTIONNAIRE_SECONDS = 30
_MAX_KEPT = 256
_kept: dict[tuple, tuple[float, Any]] = {}


def kept(key: tuple, make: Callable[[], Any]) -> Any:
    """The copy kept under `key` (whose first item is the organisation's id), else a new one."""
    now = time.monotonic()
    found = _kept.get(key)
    if found is not None and found[0] > now:
        return found[1]
    value = make()
    if len(_kept) >= _MAX_KEPT:
        _kept.clear()
    _kept[key] = (now + QUESTIONNAIRE_SECONDS, value)
    return value


def forget(*, organisation_id: int) -> None:
    """Drop every copy of this organisation's questionnaires."""
    for key in [k for k in _kept if k[0] == organisation_id]:
        _kept.pop(key, None)
