"""Readiness for the recognition moves with the checklist and with each condition."""

from datetime import date

import pytest
from django.urls import reverse

from monitor.models import Snapshot
from pillars import services as pillar_services
from pillars.models import ChecklistItem, ProgressStatus
from programme.models import ActionStatus, ContactPerson, PillarKey, Regulation
from recognition.readiness import readiness_for
from tests.conftest import client_for
from tests.monitor.conftest import close, make_campaign
from tests.recognition.conftest import NOT_CARER, close_after_last_day, respond

TODAY = date(2026, 10, 1)
RECOGNITION_ITEMS = ChecklistItem.objects.filter(organisation=None, counts_for_recognition=True)


def readiness(organisation, today=TODAY):
    return readiness_for(organisation=organisation, today=today)


def condition(result, start: str):
    """The condition (not a checklist item) whose label starts so."""
    return next(
        r
        for p in result.pillars
        for r in p.requirements
        if r.is_condition and r.label.startswith(start)
    )


def set_status(organisation, item, status, user, reason=""):
    pillar_services.progress_set_status(
        organisation=organisation, item=item, status=status, reason=reason, by=user, today=TODAY
    )


def meet_every_condition(organisation, make_action, responses: int = 5):
    campaign = make_campaign(
        organisation, title="Monitor 2025", opens_on=date(2025, 10, 1), closes_on=date(2025, 10, 31)
    )
    respond(campaign, responses, NOT_CARER, date(2025, 10, 2))
    close_after_last_day(campaign)
    Regulation.objects.create(
        organisation=organisation,
        kind="kortdurend_zorgverlof",
        title="Kortdurend zorgverlof",
        last_checked=date(2026, 3, 1),
    )
    ContactPerson.objects.create(organisation=organisation, name="Anna de Vries")
    make_action(
        organisation,
        title="Lunch op de Dag van de Mantelzorg",
        year=2026,
        planned_date=date(2026, 11, 10),
    )


def test_a_new_organisation_has_everything_still_to_do(org_a):
    result = readiness(org_a)
    assert result.met == 0 and not result.is_ready
    assert result.total == RECOGNITION_ITEMS.count() + 4  # the items and the four conditions
    assert [p.pillar.key for p in result.pillars] == list(PillarKey.values)
    assert len(result.missing) == result.total


def test_a_done_item_counts_and_an_item_that_does_not_apply_drops_out(org_a, hr_a):
    items = list(RECOGNITION_ITEMS.filter(pillar__key="bespreken").order_by("order"))
    before = readiness(org_a)
    set_status(org_a, items[0], ProgressStatus.DONE, hr_a)
    after = readiness(org_a)
    assert (after.met, after.total) == (before.met + 1, before.total)
    set_status(org_a, items[1], ProgressStatus.NOT_APPLICABLE, hr_a, reason="Te klein")
    assert readiness(org_a).total == before.total - 1
    set_status(org_a, items[0], ProgressStatus.IN_PROGRESS, hr_a)
    assert readiness(org_a).met == before.met


def test_an_item_not_counting_for_the_recognition_is_left_out(org_a, hr_a):
    own = pillar_services.item_add_own(
        organisation=org_a,
        pillar=RECOGNITION_ITEMS.first().pillar,
        text="Jaarlijkse lunch",
        guidance="",
        counts_for_recognition=False,
    )
    total = readiness(org_a).total
    set_status(org_a, own, ProgressStatus.DONE, hr_a)
    assert (readiness(org_a).total, readiness(org_a).met) == (total, 0)


def test_a_missing_item_links_to_where_it_is_done(org_a):
    item = RECOGNITION_ITEMS.order_by("pillar__order", "order").first()
    missing = readiness(org_a).missing[0]
    assert (
        missing.label == item.text
        and missing.fix_url == f"/o/{org_a.slug}/pillars/items/{item.pk}/"
    )


@pytest.mark.parametrize(
    ("closes_on", "responses", "is_met"),
    [
        (date(2025, 10, 31), 5, True),
        (date(2025, 10, 31), 4, False),  # below the minimum: no results could be shown
        (date(2024, 9, 30), 5, False),  # more than two years ago
        (date(2026, 12, 31), 5, False),  # still open
    ],
)
def test_the_monitor_condition(org_a, closes_on, responses, is_met):
    campaign = make_campaign(org_a, opens_on=date(2024, 9, 1), closes_on=closes_on)
    respond(campaign, responses, NOT_CARER, date(2024, 9, 2))
    requirement = condition(readiness(org_a), "Een monitor")
    assert requirement.is_met is is_met
    assert requirement.fix_url == f"/o/{org_a.slug}/monitor/"


def test_an_open_campaign_does_not_count_however_many_responded_until_it_closes(org_a):
    campaign = make_campaign(
        org_a, title="Monitor 2026", opens_on=date(2026, 9, 1), closes_on=date(2026, 10, 31)
    )
    respond(campaign, 30, NOT_CARER, date(2026, 9, 2))
    requirement = condition(readiness(org_a), "Een monitor")
    assert not requirement.is_met
    assert requirement.detail == (
        "In de afgelopen twee jaar is er geen monitor met genoeg reacties gesloten."
    )
    campaign.refresh_from_db()
    assert campaign.closed_on is None and not Snapshot.objects.exists()  # still open
    close(campaign, exact=False, today=TODAY)  # HR closes it early: its last day is today
    requirement = condition(readiness(org_a), "Een monitor")
    assert requirement.is_met and "“Monitor 2026”" in requirement.detail
    assert "1 oktober 2026" in requirement.detail


def test_a_campaign_past_its_last_day_is_closed_by_the_first_look_and_then_counts(org_a):
    campaign = make_campaign(org_a, opens_on=date(2026, 9, 1), closes_on=date(2026, 9, 30))
    respond(campaign, 5, NOT_CARER, date(2026, 9, 2))
    assert condition(readiness(org_a), "Een monitor").is_met
    campaign.refresh_from_db()
    assert campaign.closed_on == TODAY
    assert Snapshot.objects.get(campaign=campaign).response_count == 5


@pytest.mark.parametrize(("minimum", "responses", "is_met"), [(10, 9, False), (10, 10, True)])
def test_a_closed_campaign_counts_only_with_its_own_minimum_of_responses(
    org_a, minimum, responses, is_met
):
    campaign = make_campaign(
        org_a,
        opens_on=date(2026, 5, 1),
        closes_on=date(2026, 5, 31),
        min_group_size=minimum,
    )
    respond(campaign, responses, NOT_CARER, date(2026, 5, 2))
    close_after_last_day(campaign, exact=False)
    assert condition(readiness(org_a), "Een monitor").is_met is is_met


def test_a_later_campaign_below_the_minimum_leaves_an_earlier_one_that_counts(org_a):
    earlier = make_campaign(
        org_a, title="Monitor 2025", opens_on=date(2025, 10, 1), closes_on=date(2025, 10, 31)
    )
    respond(earlier, 5, NOT_CARER, date(2025, 10, 2))
    close_after_last_day(earlier)
    later = make_campaign(
        org_a, title="Monitor 2026", opens_on=date(2026, 5, 1), closes_on=date(2026, 5, 31)
    )
    respond(later, 4, NOT_CARER, date(2026, 5, 2))
    close_after_last_day(later)
    still_open = make_campaign(
        org_a, title="Monitor najaar", opens_on=date(2026, 9, 1), closes_on=date(2026, 11, 30)
    )
    respond(still_open, 20, NOT_CARER, date(2026, 9, 2))
    requirement = condition(readiness(org_a), "Een monitor")
    assert requirement.is_met and "“Monitor 2025”" in requirement.detail


def test_the_regulations_condition_wants_each_one_checked_within_a_year(org_a):
    assert not condition(readiness(org_a), "De regelingen").is_met  # none described
    Regulation.objects.create(
        organisation=org_a,
        kind="kortdurend_zorgverlof",
        title="Zorgverlof",
        last_checked=date(2026, 1, 5),
    )
    assert condition(readiness(org_a), "De regelingen").is_met
    Regulation.objects.create(
        organisation=org_a, kind="thuiswerken", title="Thuiswerken", last_checked=date(2025, 9, 30)
    )
    requirement = condition(readiness(org_a), "De regelingen")
    assert not requirement.is_met and "Thuiswerken" in requirement.detail


def test_the_responsible_person_condition(org_a):
    assert not condition(readiness(org_a), "Iemand").is_met
    ContactPerson.objects.create(organisation=org_a, name="Anna de Vries")
    requirement = condition(readiness(org_a), "Iemand")
    assert requirement.is_met and "Anna de Vries" in requirement.detail


def test_the_carers_day_condition_looks_at_the_coming_day(org_a, make_action):
    assert not condition(readiness(org_a), "Aandacht").is_met
    cancelled = make_action(
        org_a, year=2026, planned_date=date(2026, 11, 10), status=ActionStatus.CANCELLED
    )
    assert not condition(readiness(org_a), "Aandacht").is_met
    make_action(org_a, title="Lunch", year=2026, planned_date=date(2026, 11, 6))
    assert condition(readiness(org_a), "Aandacht").is_met
    # Once the day has passed, the next year's day is the one to plan for.
    after = readiness(org_a, today=date(2026, 11, 11))
    assert not condition(after, "Aandacht").is_met and "2027" in condition(after, "Aandacht").label
    assert cancelled.title not in condition(readiness(org_a), "Aandacht").detail


def test_with_every_item_done_and_every_condition_met_the_organisation_is_ready(
    org_a, hr_a, make_action
):
    meet_every_condition(org_a, make_action)
    for item in RECOGNITION_ITEMS:
        set_status(org_a, item, ProgressStatus.DONE, hr_a)
    result = readiness(org_a)
    assert result.is_ready and result.share == 100 and result.missing == []


def test_each_criterion_shows_the_evidence_of_its_pillars(org_a, hr_a, make_action):
    meet_every_condition(org_a, make_action)
    describe = RECOGNITION_ITEMS.filter(pillar__key="beschrijven").first()
    set_status(org_a, describe, ProgressStatus.DONE, hr_a)
    discuss, leave, tailored = readiness(org_a).criteria
    assert [r.label for r in leave.evidence] == [
        describe.text,
        "De regelingen beschreven en in het afgelopen jaar gecontroleerd",
    ]
    assert any(r.label.startswith("Een monitor") for r in discuss.evidence)
    assert all(r.is_met for r in tailored.evidence) and len(tailored.evidence) == 2


@pytest.mark.parametrize("responses", [5, 120])
def test_readiness_costs_a_fixed_number_of_queries(
    org_a, hr_a, make_action, django_assert_num_queries, responses
):
    meet_every_condition(org_a, make_action, responses)  # its campaign closed, with its snapshot
    # Pillars, items, progress (3); the monitor (2: the closed campaigns and the snapshot, which
    # holds the wording and departments that label its figures; neither grows with the number
    # of responses); regulations, contact persons, Day of the Carer (3).
    with django_assert_num_queries(8):
        readiness(org_a)
    for item in RECOGNITION_ITEMS:
        set_status(org_a, item, ProgressStatus.DONE, hr_a)
    with django_assert_num_queries(8):
        readiness(org_a)


def test_a_recognised_organisation_reads_of_its_renewal(org_a, hr_client):
    from django.urls import reverse

    from recognition import services
    from recognition.models import RecognitionStatus

    page = reverse("recognition:readiness", kwargs={"slug": org_a.slug})
    dashboard = reverse("programme:dashboard", kwargs={"slug": org_a.slug})
    html = hr_client.get(page).content.decode()
    assert "Nog niet klaar om aan te vragen" in html and "verlenging" not in html
    services.recognition_save(
        organisation=org_a,
        fields={"status": RecognitionStatus.RECOGNISED, "granted_on": date(2024, 11, 10)},
    )
    html = hr_client.get(page).content.decode()
    assert "Klaar voor de verlenging? Stand op" in html
    assert "Nog niet klaar om verlenging aan te vragen" in html
    assert "Erkend sinds 10 november 2024" in hr_client.get(dashboard).content.decode()


def test_only_hr_advisors_get_the_links_to_fix_what_is_missing(org_a, hr_a, manager_a):
    """The links lead to HR's forms (a new action, the regulations): a manager would meet 403."""
    page = reverse("recognition:readiness", args=[org_a.slug])
    new_action = reverse("programme:action_create", args=[org_a.slug])
    assert new_action in client_for(hr_a).get(page).content.decode()
    assert new_action not in client_for(manager_a).get(page).content.decode()
