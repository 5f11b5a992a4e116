"""Monitor fixtures on top of the shared ones: open, closed and code campaigns.

Figures exist only after a campaign's final close. `close` closes a campaign the way an HR
advisor does; `exact=True` (the default here) closes it without the random perturbation, so that
a test can assert exact counts. Tests of the perturbation itself pass exact=False.
"""

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from unittest import mock

import pytest
from django.utils import timezone

from monitor.closing import campaign_close
from monitor.models import AccessMode, Campaign, Department
from monitor.services import response_submit

TODAY = date(2026, 11, 23)


def make_campaign(organisation, **extra) -> Campaign:
    fields = {
        "title": "Monitor 2026",
        "opens_on": TODAY - timedelta(days=7),
        "closes_on": TODAY + timedelta(days=14),
        "invited_count": 400,
    }
    return Campaign.objects.create(organisation=organisation, **{**fields, **extra})


def make_upcoming(organisation, **extra) -> Campaign:
    """A campaign whose first day is after TODAY, so that its questions, its access and its
    minimum can still change (Campaign.is_fixed: they are fixed from the first day on)."""
    return make_campaign(organisation, **{"opens_on": TODAY + timedelta(days=1), **extra})


def move_first_day(campaign: Campaign, opens_on: date = TODAY - timedelta(days=7)) -> Campaign:
    """Give a campaign set up before its first day an earlier first day, so that it is open on
    TODAY and can take responses.

    This stands for the clock moving on, not for an edit by HR: the tests' day stays TODAY
    (their responses, their closes), and the campaign's first day moves back instead. It is a
    queryset update, past Campaign.save() and its guards, as the demo does (monitor/demo.py).
    """
    Campaign.objects.filter(pk=campaign.pk).update(opens_on=opens_on)
    campaign.opens_on = opens_on
    return campaign


@contextmanager
def before_first_day(campaign: Campaign) -> Iterator[Campaign]:
    """Within the block it is the eve of the campaign's first day (for timezone.localdate()),
    when HR sets up its questions and its access; after it the clock moves on to the day it
    showed before. For a test that needs an open campaign with questions of its own."""
    eve = campaign.opens_on - timedelta(days=1)
    with mock.patch.object(timezone, "localdate", lambda *args, **kwargs: eve):
        yield campaign


def submit(campaign: Campaign, answers: dict, texts: dict | None = None, **extra) -> bool:
    """Store one response the way the respondent flow does, with a fresh form token.

    A campaign with single-use codes counts as admitted (a code was spent at the start page)."""
    return response_submit(
        campaign=campaign,
        answers=answers,
        texts=texts or {},
        token=extra.pop("token", secrets.token_urlsafe(16)),
        today=extra.pop("today", TODAY),
        admitted=extra.pop("admitted", campaign.uses_codes),
        **extra,
    )


def no_noise(_identity) -> int:
    return 0


def close(campaign: Campaign, *, exact: bool = True, today=TODAY) -> Campaign:
    """Close the campaign now (early, as HR does, when it is still open) and write its snapshot."""
    return campaign_close(
        campaign=campaign,
        today=today,
        early=campaign.is_open_on(today),
        noise=no_noise if exact else None,
    )


@pytest.fixture
def campaign(org_a) -> Campaign:
    return make_campaign(org_a)


@pytest.fixture
def code_campaign(org_a) -> Campaign:
    return make_campaign(org_a, title="Monitor met codes", access_mode=AccessMode.CODES)


@pytest.fixture
def closed_campaign(org_a) -> Campaign:
    return make_campaign(
        org_a,
        title="Monitor 2024",
        opens_on=date(2024, 10, 1),
        closes_on=date(2024, 10, 31),
    )


@pytest.fixture
def campaign_b(org_b) -> Campaign:
    return make_campaign(org_b, title="Monitor Beekdal")


@pytest.fixture
def departments(org_a) -> list[Department]:
    return [
        Department.objects.create(organisation=org_a, name=name, code=code)
        for code, name in enumerate(["Burgerzaken", "Sociaal Domein", "Bedrijfsvoering"], start=1)
    ]
