"""The report for the commissioning municipality: what it counts, from a world built here.

The world is the year 2025 of "Steunpunt Mantelzorg Aland": its pipeline, contacts, offers and
the employers it follows, beside a foreign support organisation's and an unfollowed employer's
work that must never count. The rule for followed employers: what they did counts when it was
done while this support organisation followed them (from the day it started to the day it ended).
"""

from datetime import date, datetime

import pytest
from django.utils import timezone
from django.utils.text import slugify

from monitor.pooling import WithheldReason
from programme.models import Action, ActionStatus, Organisation, OrganisationKind, PillarKey
from recognition.models import Recognition, RecognitionStatus
from support.models import (
    Contact,
    ContactKind,
    EmployerInvitation,
    Following,
    FollowingState,
    Offering,
    OfferingUptake,
    Prospect,
    Stage,
    SupportOrganisation,
)
from support.report import parse_year, report_years, size_band, support_report
from tests.recognition.conftest import (
    CARER,
    NOT_CARER,
    campaign_2025,
    close_after_last_day,
    respond,
)

YEAR = 2025
TODAY = date(2025, 12, 1)


def moment(day: date) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, 12, 0))


def following(support, organisation, started: date, ended: date | None = None) -> Following:
    return Following.objects.create(
        support_organisation=support,
        organisation=organisation,
        state=FollowingState.ENDED if ended else FollowingState.ACTIVE,
        started_at=moment(started),
        ended_at=moment(ended) if ended else None,
    )


def prospect(support, name, *, stage, kind=OrganisationKind.BUSINESS, size=None, added=None, **f):
    made = Prospect.objects.create(
        support_organisation=support, name=name, stage=stage, kind=kind, employee_count=size, **f
    )
    # created_at is set on save; the world's pipeline was built in the spring of the year.
    Prospect.objects.filter(pk=made.pk).update(created_at=moment(added or date(YEAR, 3, 1)))
    return made


def done(organisation, day: date, pillar=PillarKey.DISCUSS, title="Actie") -> Action:
    return Action.objects.create(
        organisation=organisation,
        title=title,
        pillar=pillar,
        year=day.year,
        status=ActionStatus.DONE,
        completed_date=day,
    )


def uptake(offering, organisation, day: date, year: int = YEAR) -> OfferingUptake:
    made = OfferingUptake.objects.create(offering=offering, organisation=organisation, year=year)
    OfferingUptake.objects.filter(pk=made.pk).update(taken_at=moment(day))
    return made


@pytest.fixture
def elders(db) -> SupportOrganisation:
    """A foreign support organisation with work of its own in the same year."""
    return SupportOrganisation.objects.create(name="Steunpunt Elders", slug="steunpunt-elders")


@pytest.fixture
def world(steunpunt, elders, org_a, org_b):
    """Steunpunt's 2025: org A followed all year, org B from February to June; org C followed
    only by the foreign support organisation; org D followed by nobody."""
    org_a.kind, org_a.employee_count = OrganisationKind.MUNICIPALITY, 1200
    org_a.save()
    org_c = Organisation.objects.create(name="Bedrijf Cel", slug="bedrijf-cel")
    org_d = Organisation.objects.create(name="School Dal", slug="school-dal")
    following(steunpunt, org_a, date(2024, 6, 1))
    following(steunpunt, org_b, date(YEAR, 2, 1), ended=date(YEAR, 6, 30))
    following(elders, org_c, date(2024, 1, 1))
    following(elders, org_a, date(2024, 1, 1))  # two support organisations may follow one

    # The pipeline: sizes of each band; org A linked (its own kind and size count).
    linked = prospect(steunpunt, "Gemeente Aland", stage=Stage.ACTIVE, size=30, organisation=org_a)
    prospect(steunpunt, "Bakkerij Bol", stage=Stage.MAPPED, size=12)
    prospect(steunpunt, "Garage Gas", stage=Stage.APPROACHED, size=60)
    prospect(steunpunt, "Zorg Zuid", stage=Stage.IN_CONVERSATION, kind="zorg", size=300)
    prospect(steunpunt, "Zorg Noord", stage=Stage.IN_CONVERSATION, kind="zorg")
    prospect(steunpunt, "Lyceum Lei", stage=Stage.RECOGNISED, kind="onderwijs", size=180)
    prospect(steunpunt, "Winkel Wit", stage=Stage.STOPPED, size=8)
    prospect(steunpunt, "Later Bv", stage=Stage.APPROACHED, added=date(YEAR + 1, 1, 5))
    foreign = prospect(elders, "Elders Bv", stage=Stage.ACTIVE, size=40)

    # Contacts: three in the year (two with one employer), one the year before, one foreign.
    for day, kind in ((date(YEAR, 2, 3), ContactKind.CALL), (date(YEAR, 4, 9), ContactKind.VISIT)):
        Contact.objects.create(prospect=linked, on=day, kind=kind)
    garage = Prospect.objects.get(name="Garage Gas")
    Contact.objects.create(prospect=garage, on=date(YEAR, 9, 1), kind=ContactKind.CALL)
    Contact.objects.create(prospect=garage, on=date(YEAR - 1, 12, 31), kind=ContactKind.EMAIL)
    Contact.objects.create(prospect=foreign, on=date(YEAR, 5, 5), kind=ContactKind.EVENT)

    # Offers taken up: two of Bespreken and one of Bekwamen in the year, one the year before.
    lunch = Offering.objects.create(
        support_organisation=steunpunt, pillar=PillarKey.DISCUSS, title="Lunch voor mantelzorgers"
    )
    training = Offering.objects.create(
        support_organisation=steunpunt, pillar=PillarKey.EQUIP, title="Training leidinggevenden"
    )
    theirs = Offering.objects.create(
        support_organisation=elders, pillar=PillarKey.DISCUSS, title="Elders' workshop"
    )
    uptake(lunch, org_a, date(YEAR, 3, 3))
    uptake(lunch, org_b, date(YEAR, 4, 4))
    uptake(training, org_a, date(YEAR, 5, 5))
    uptake(training, org_b, date(YEAR - 1, 11, 11), year=YEAR - 1)
    uptake(theirs, org_c, date(YEAR, 6, 6))

    # Actions done: A's in the year (two pillars and one without), A's of the year before,
    # B's while followed and after its following ended, C's and D's (not followed by steunpunt).
    done(org_a, date(YEAR, 3, 1), PillarKey.DISCUSS)
    done(org_a, date(YEAR, 5, 1), PillarKey.DESCRIBE)
    done(org_a, date(YEAR, 7, 1), "")
    done(org_a, date(YEAR - 1, 11, 1), PillarKey.DISCUSS)
    done(org_b, date(YEAR, 4, 1), PillarKey.DISCUSS, title="Gedaan terwijl gevolgd")
    done(org_b, date(YEAR, 6, 30), PillarKey.EMBED, title="Op de laatste dag")
    done(org_b, date(YEAR, 9, 1), PillarKey.EQUIP, title="Na het einde")
    done(org_b, date(YEAR, 1, 15), PillarKey.EQUIP, title="Voor het begin")
    done(org_c, date(YEAR, 5, 1), PillarKey.EQUIP)
    done(org_d, date(YEAR, 5, 1), PillarKey.EQUIP)
    Action.objects.create(  # not done: never counts
        organisation=org_a, title="Bezig", pillar=PillarKey.EQUIP, year=YEAR,
        status=ActionStatus.IN_PROGRESS, completed_date=date(YEAR, 6, 1),
    )  # fmt: skip

    # Recognitions: A renewed in the year; B granted after its following ended; C granted.
    Recognition.objects.create(
        organisation=org_a, status=RecognitionStatus.EXPIRED, granted_on=date(2022, 5, 1)
    )
    Recognition.objects.create(
        organisation=org_a,
        status=RecognitionStatus.RECOGNISED,
        granted_on=date(YEAR, 10, 1),
        valid_until=date(YEAR + 3, 10, 1),
    )
    Recognition.objects.create(
        organisation=org_b, status=RecognitionStatus.RECOGNISED, granted_on=date(YEAR, 8, 1)
    )
    Recognition.objects.create(
        organisation=org_c, status=RecognitionStatus.RECOGNISED, granted_on=date(YEAR, 8, 1)
    )

    # Invitations: one accepted in the year, one the year before, one open, one foreign.
    for accepted, owner in (
        (moment(date(YEAR, 2, 1)), linked),
        (moment(date(YEAR - 1, 3, 1)), garage),
        (None, garage),
        (moment(date(YEAR, 2, 1)), foreign),
    ):
        EmployerInvitation.objects.create(
            prospect=owner,
            email="hr@example.org",
            token_hash=f"{owner.pk}-{accepted}",
            sent_at=moment(date(YEAR - 1, 1, 1)),
            expires_at=moment(date(YEAR + 1, 1, 1)),
            accepted_at=accepted,
        )
    return {"a": org_a, "b": org_b, "c": org_c, "d": org_d}


@pytest.fixture
def report(world, steunpunt):
    return support_report(support_organisation=steunpunt, year=YEAR, today=TODAY)


def counts(rows) -> dict:
    return {row.key: row.count for row in rows}


def test_the_pipeline_is_counted_by_stage(report):
    # Later Bv came in the next year and Elders Bv is the foreign support organisation's.
    assert report.employers == 7
    assert counts(report.by_stage) == {
        Stage.MAPPED: 1,
        Stage.APPROACHED: 1,
        Stage.IN_CONVERSATION: 2,
        Stage.ACTIVE: 1,
        Stage.RECOGNISED: 1,
        Stage.STOPPED: 1,
    }
    assert (report.approached, report.in_conversation, report.active) == (6, 2, 1)
    assert (report.recognised, report.stopped) == (1, 1)


def test_the_pipeline_is_counted_by_sector_and_size(report):
    sectors = {row.key: (row.employers, row.approached, row.active_or_recognised) for row in
               report.by_sector}  # fmt: skip
    # Gemeente Aland is a municipality of 1,200 on the platform, though its entry says 30.
    assert sectors == {
        OrganisationKind.MUNICIPALITY: (1, 1, 1),
        OrganisationKind.CARE: (2, 2, 0),
        OrganisationKind.EDUCATION: (1, 1, 1),
        OrganisationKind.BUSINESS: (3, 2, 0),
    }
    sizes = {row.key: row.employers for row in report.by_size}
    assert sizes == {"small": 2, "medium": 2, "large": 1, "very-large": 1, "unknown": 1}


@pytest.mark.parametrize(
    ("count", "band"),
    [(None, "unknown"), (0, "unknown"), (1, "small"), (49, "small"), (50, "medium"),
     (249, "medium"), (250, "large"), (999, "large"), (1000, "very-large")],
)  # fmt: skip
def test_size_bands_have_no_gaps(count, band):
    assert size_band(count) == band


def test_contacts_offers_and_invitations_of_the_year(report):
    assert counts(report.contacts) == {"telefoon": 2, "bezoek": 1, "email": 0, "bijeenkomst": 0}
    assert report.contacts_total == 3 and report.employers_contacted == 2
    assert counts(report.uptakes) == {"bespreken": 2, "beschrijven": 0, "bekwamen": 1, "borgen": 0}
    assert {row.key: row.employers for row in report.uptakes}["bespreken"] == 2
    # In the pillars' order: Bespreken before Bekwamen.
    assert [(o.title, o.pillar, o.uptakes) for o in report.offers] == [
        ("Lunch voor mantelzorgers", "Bespreken", 2),
        ("Training leidinggevenden", "Bekwamen", 1),
    ]
    assert report.joined == 1


def test_actions_count_only_while_followed_by_this_support_organisation(report):
    # A: three in the year; B: the one while followed and the one on the day it ended, not
    # the one after it ended nor the one before it started; C and D: never.
    assert counts(report.actions) == {
        "bespreken": 2,
        "beschrijven": 1,
        "bekwamen": 0,
        "borgen": 1,
        "": 1,
    }
    assert report.actions_total == 5
    assert {row.key: row.employers for row in report.actions}["bespreken"] == 2


def test_an_ended_following_stops_counting_at_once(world, steunpunt):
    # The employer ends the following of A in August: its later work no longer counts.
    Following.objects.filter(support_organisation=steunpunt, organisation=world["a"]).update(
        state=FollowingState.ENDED, ended_at=moment(date(YEAR, 8, 15))
    )
    done(world["a"], date(YEAR, 9, 1))
    report = support_report(support_organisation=steunpunt, year=YEAR, today=TODAY)
    assert report.actions_total == 5  # the work before the end still counts, the new not
    assert report.recognitions == []  # A's renewal came in October, after the end
    assert report.followed_now == 0 and report.followed_in_year == 2


def test_recognitions_granted_or_renewed_while_followed(report):
    assert [(r.employer, r.granted_on, r.is_renewal) for r in report.recognitions] == [
        ("Gemeente Aland", date(YEAR, 10, 1), True)
    ]
    assert report.renewals == 1


def test_followed_employers_in_the_year_and_now(report):
    assert report.followed_in_year == 2 and report.followed_now == 1


def test_a_foreign_support_organisation_sees_only_its_own(world, elders):
    theirs = support_report(support_organisation=elders, year=YEAR, today=TODAY)
    assert theirs.employers == 1 and counts(theirs.by_stage)[Stage.ACTIVE] == 1
    assert theirs.contacts_total == 1 and theirs.uptakes_total == 1 and theirs.joined == 1
    # Elders follows C and A all year: C's action and A's three count for it, B's never.
    assert theirs.actions_total == 4
    assert sorted(r.employer for r in theirs.recognitions) == ["Bedrijf Cel", "Gemeente Aland"]


def test_the_year_filter_counts_only_that_year(world, steunpunt):
    before = support_report(support_organisation=steunpunt, year=YEAR - 1, today=TODAY)
    assert before.contacts_total == 1 and counts(before.contacts)["email"] == 1
    assert before.uptakes_total == 1 and counts(before.uptakes)["bekwamen"] == 1
    # A was followed from June 2024: its November action counts; B was not followed yet.
    assert before.actions_total == 1
    assert before.recognitions == [] and before.joined == 1
    assert before.employers == 0  # the pipeline was built in 2025
    assert before.followed_in_year == 1


def test_the_current_year_counts_up_to_today(world, steunpunt):
    report = support_report(support_organisation=steunpunt, year=YEAR, today=date(YEAR, 4, 30))
    assert report.period_end == date(YEAR, 4, 30) and report.is_current_year
    assert report.contacts_total == 2  # the September call is later
    assert report.actions_total == 2  # A's March one and B's April one


@pytest.mark.parametrize(
    ("value", "year", "complains"),
    [
        (None, 2025, False),
        ("", 2025, False),
        ("2024", 2024, False),
        (" 2023 ", 2023, False),
        ("abc", 2025, True),
        ("2024.5", 2025, True),
        ("-1", 2025, True),
        ("1999", 2025, True),
        ("2026", 2025, True),  # a year not begun has no report
        ("٢٠٢٤", 2025, True),  # digits of another script are not a year here
        ("9" * 400, 2025, True),
    ],
)
def test_a_year_that_is_not_one_gives_this_year_with_a_reason(value, year, complains):
    parsed, problem = parse_year(value, today=TODAY)
    assert parsed == year
    assert bool(problem) is complains
    assert len(problem) < 200


def test_the_years_to_choose_from(steunpunt):
    SupportOrganisation.objects.filter(pk=steunpunt.pk).update(created_at=moment(date(2023, 5, 1)))
    steunpunt.refresh_from_db()
    assert report_years(support_organisation=steunpunt, today=TODAY) == [2025, 2024, 2023]


# --- The monitor, pooled across the employers followed -----------------------------------------


def closed_monitor(organisation, responses: int = 10):
    """A 2025 monitor of `responses` carers, closed exactly on the day after its last day."""
    campaign = campaign_2025(organisation)
    respond(campaign, responses, CARER, date(YEAR, 10, 2))
    return close_after_last_day(campaign)


def employer(name: str, kind=OrganisationKind.BUSINESS) -> Organisation:
    return Organisation.objects.create(name=name, slug=slugify(name), kind=kind)


@pytest.fixture
def pooled_world(steunpunt):
    """Five followed employers with closed monitors, a sixth followed one whose monitor is still
    open, and an employer nobody follows with a closed monitor of many respondents."""
    followed = [employer(f"Werkgever {n}") for n in range(5)]
    for organisation in followed:
        following(steunpunt, organisation, date(2024, 1, 1))
        closed_monitor(organisation)
    still_open = employer("Werkgever open")
    following(steunpunt, still_open, date(2024, 1, 1))
    campaign = campaign_2025(still_open, closes_on=date(YEAR, 12, 20))
    respond(campaign, 30, NOT_CARER, date(YEAR, 10, 2))
    closed_monitor(employer("Niet gevolgd"), responses=40)
    return followed


def carer_share(report):
    return next(figure for figure in report.pooled if figure.key == "carer-share")


def test_monitor_figures_pool_the_closed_monitors_of_followed_employers(pooled_world, steunpunt):
    report = support_report(support_organisation=steunpunt, year=YEAR, today=TODAY)
    figure = carer_share(report)
    # Only the five closed monitors: neither the open one's 30 nor the unfollowed one's 40.
    assert (figure.percentage, figure.organisations, figure.respondents) == (100.0, 5, 50)
    assert report.pooled_employers == 6  # followed now; the open monitor contributes nothing


def test_monitor_figures_of_four_employers_are_withheld_with_their_reason(pooled_world, steunpunt):
    Following.objects.filter(organisation=pooled_world[0]).update(
        state=FollowingState.ENDED, ended_at=moment(date(YEAR, 11, 1))
    )
    report = support_report(support_organisation=steunpunt, year=YEAR, today=TODAY)
    figure = carer_share(report)
    assert figure.percentage is None and figure.organisations == 0
    assert figure.withheld_reason == WithheldReason.TOO_FEW_ORGANISATIONS
    assert report.published_figures == []


def test_an_opted_out_employer_contributes_nothing(pooled_world, steunpunt):
    Organisation.objects.filter(pk=pooled_world[0].pk).update(share_in_pooled_figures=False)
    report = support_report(support_organisation=steunpunt, year=YEAR, today=TODAY)
    assert carer_share(report).percentage is None


def test_monitors_of_another_year_are_not_pooled(pooled_world, steunpunt):
    report = support_report(support_organisation=steunpunt, year=YEAR - 1, today=TODAY)
    assert report.pooled and all(figure.percentage is None for figure in report.pooled)
