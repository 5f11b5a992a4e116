"""Pillar fixtures on top of the shared ones."""

import pytest

from pillars.models import ChecklistItem, Pillar


@pytest.fixture
def borgen(db) -> Pillar:
    return Pillar.objects.get(key="borgen")


@pytest.fixture
def carers_day_item(borgen) -> ChecklistItem:
    """Borgen's yearly moment on a fixed day: the national Day of the Carer, 10 November."""
    return borgen.items.get(recurs_yearly=True, recurrence_month=11)


@pytest.fixture
def review_cycle_item(borgen) -> ChecklistItem:
    """Borgen's yearly moment without a fixed day: the annual review cycle."""
    return borgen.items.get(recurs_yearly=True, recurrence_month__isnull=True)


@pytest.fixture
def plain_item(borgen) -> ChecklistItem:
    return borgen.items.filter(recurs_yearly=False).order_by("order").first()
