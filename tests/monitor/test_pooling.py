"""Reference figures pooled across employers: only from closed snapshots of employers that share,
only where at least 5 of them and enough respondents count, never dominated by one employer, and
the platform's yearly reference made once after its year and frozen."""

from datetime import date
from itertools import count

import pytest

from monitor import closing, pooling
from monitor.models import Campaign, PooledReference, PooledReferenceChanged
from monitor.pooling import (
    ALL_EMPLOYERS,
    POOLED_METRICS,
    WithheldReason,
    pooled_figures,
    yearly_reference,
)
from monitor.results import METRICS, metric_counts, summary_for
from programme.models import Organisation, OrganisationKind
from tests.monitor.conftest import close, make_campaign, no_noise, submit

CARER = {1: [1], 6: [1], 7: [1], 8: [1], 9: [1], 10: [1, 2], 12: [4], 13: [4], 14: [4], 16: [2]}
NOT_CARER = {1: [2], 8: [3], 9: [3], 12: [2], 13: [4], 14: [2], 16: [1]}
YEAR = 2025
WINDOW = {"closed_from": date(YEAR, 1, 1), "closed_to": date(YEAR, 12, 31)}
# After the year: the day on which its reference can be made.
AFTER = date(YEAR + 1, 3, 1)
CARER_SHARE = "carer-share"

_numbers = count(1)


def employer(kind=OrganisationKind.MUNICIPALITY, *, share: bool = True) -> Organisation:
    n = next(_numbers)
    return Organisation.objects.create(
        name=f"Werkgever {n}", slug=f"werkgever-{n}", kind=kind, share_in_pooled_figures=share
    )


def monitor(
    organisation, *, carers: int, others: int, month: int = 10, year: int = YEAR, closed=True
) -> Campaign:
    """A campaign in `month` of `year` with these responses, closed the day after its last day
    through the real close (exact counts, so that a test can add them up)."""
    campaign = make_campaign(
        organisation,
        title=f"Monitor {year}-{month}",
        opens_on=date(year, month, 1),
        closes_on=date(year, month, 20),
        invited_count=200,
    )
    for n in range(carers + others):
        assert submit(campaign, CARER if n < carers else NOT_CARER, today=date(year, month, 10))
    if closed:
        close(campaign, today=date(year, month, 21))
    return campaign


def employers(n: int, *, carers: int = 6, others: int = 6, **kind) -> list[Organisation]:
    made = [employer(**kind) for _ in range(n)]
    for organisation in made:
        monitor(organisation, carers=carers, others=others)
    return made


def figure(figures, key: str = CARER_SHARE):
    (found,) = [f for f in figures if f.key == key]
    return found


def expected(campaigns, key: str = CARER_SHARE) -> tuple[float, int, int]:
    """(percentage, organisations, exact base) added up from the campaigns' own snapshots."""
    counts = [metric_counts(campaign=c)[key] for c in campaigns]
    counts = [c for c in counts if c is not None]
    n, base = sum(c[0] for c in counts), sum(c[1] for c in counts)
    return float(round(100 * n / base)), len(counts), base


# --- The rules -----------------------------------------------------------------------------------


def test_below_five_organisations_nothing_is_published(db):
    four = employers(4)
    figures = pooled_figures(organisations=Organisation.objects.all(), **WINDOW)
    assert [f.key for f in figures] == POOLED_METRICS
    for f in figures:
        assert f.percentage is None
        assert (f.organisations, f.respondents) == (0, 0)  # a withheld figure tells nothing
        assert f.withheld_reason == WithheldReason.TOO_FEW_ORGANISATIONS
    # The fifth one makes it a figure.
    five = [*four, *employers(1)]
    share = figure(pooled_figures(organisations=five, **WINDOW))
    assert share.is_published and share.organisations == 5


def test_five_organisations_of_which_one_holds_most_respondents_is_withheld(db):
    small = employers(4, carers=6, others=6)  # 48 respondents
    large = employer()
    monitor(large, carers=30, others=20)  # 50 of 98
    share = figure(pooled_figures(organisations=[*small, large], **WINDOW))
    assert share.percentage is None
    assert share.withheld_reason == WithheldReason.DOMINATED
    assert share.withheld_text


def test_an_organisation_holding_exactly_half_still_lets_the_figure_appear(db):
    small = employers(4, carers=6, others=6)  # 48 respondents
    half = employer()
    monitor(half, carers=24, others=24)  # 48 of 96
    share = figure(pooled_figures(organisations=[*small, half], **WINDOW))
    assert share.is_published
    assert share.respondents == 90  # 96, rounded down to tens


def test_the_maximum_share_is_a_setting(db, settings):
    settings.MONITOR_POOL_MAX_SHARE = 0.2
    four = employers(4, carers=6, others=6)
    fifth = employer()
    monitor(fifth, carers=9, others=9)  # 18 of 66 respondents: 27%
    share = figure(pooled_figures(organisations=[*four, fifth], **WINDOW))
    assert share.withheld_reason == WithheldReason.DOMINATED
    settings.MONITOR_POOL_MAX_SHARE = 0.3
    assert figure(pooled_figures(organisations=[*four, fifth], **WINDOW)).is_published


def test_a_figure_needs_the_minimum_number_of_respondents(db, settings):
    five = employers(5, carers=6, others=6)  # 60 respondents
    settings.MONITOR_POOL_MIN_RESPONDENTS = 61
    share = figure(pooled_figures(organisations=five, **WINDOW))
    assert share.percentage is None
    assert share.withheld_reason == WithheldReason.TOO_FEW_RESPONDENTS
    settings.MONITOR_POOL_MIN_RESPONDENTS = 60
    assert figure(pooled_figures(organisations=five, **WINDOW)).is_published


def test_the_default_minimum_is_fifty_respondents(db):
    # Five of 10 respondents each: 50, enough; the carers' questions have 25 and are withheld.
    five = employers(5, carers=5, others=5)
    figures = pooled_figures(organisations=five, **WINDOW)
    assert figure(figures).is_published
    talked = figure(figures, "discussed-with-manager")
    assert talked.withheld_reason in (
        WithheldReason.TOO_FEW_RESPONDENTS,
        WithheldReason.TOO_FEW_ORGANISATIONS,  # when the cells of a group of 5 are suppressed
    )


def test_each_figure_is_labelled_with_its_organisations_and_respondents(db):
    organisations = [employer() for _ in range(5)]
    campaigns = [
        monitor(org, carers=carers, others=8)
        for org, carers in zip(organisations, [6, 7, 8, 9, 10], strict=True)
    ]
    figures = pooled_figures(organisations=organisations, **WINDOW)
    for f in figures:
        assert f.label == METRICS[f.key]
        if f.is_published:
            percentage, contributing, base = expected(campaigns, f.key)
            assert f.percentage == percentage
            assert f.organisations == contributing >= 5
            assert f.respondents == base - base % 10
    share = figure(figures)
    # 40 carers of 80 respondents, each organisation's own figures added up.
    assert (share.percentage, share.organisations, share.respondents) == (50.0, 5, 80)
    assert figure(figures, "knows-regulations").is_published


def test_each_organisation_adds_the_same_cells_its_own_metrics_are_made_of(db):
    campaign = monitor(employer(), carers=7, others=9)
    metrics = summary_for(campaign=Campaign.objects.get(pk=campaign.pk)).metrics
    counts = metric_counts(campaign=Campaign.objects.get(pk=campaign.pk))
    assert set(counts) == set(POOLED_METRICS)
    for key, pair in counts.items():
        if pair is None:
            assert metrics[key] is None
        else:
            assert metrics[key] == pytest.approx(100 * pair[0] / pair[1])


def test_the_response_rate_is_not_pooled(db):
    figures = pooled_figures(organisations=employers(5), **WINDOW)
    assert "response-rate" not in [f.key for f in figures]


def test_an_opted_out_employer_contributes_to_nothing(db):
    sharing = employers(5, carers=6, others=6)
    out = employer(share=False)
    monitor(out, carers=30, others=5)  # it would change every figure, and dominate
    with_it = pooled_figures(organisations=[*sharing, out], **WINDOW)
    without = pooled_figures(organisations=sharing, **WINDOW)
    assert with_it == without
    assert figure(with_it).organisations == 5
    # Four that share and one that does not: fewer than five, nothing.
    four_and_out = pooled_figures(organisations=[*sharing[:4], out], **WINDOW)
    assert not any(f.is_published for f in four_and_out)
    # Once it shares, it counts (and here dominates the carers' questions).
    Organisation.objects.filter(pk=out.pk).update(share_in_pooled_figures=True)
    assert figure(pooled_figures(organisations=[*sharing, out], **WINDOW)).organisations == 6


def test_only_the_latest_publishable_campaign_closed_in_the_window_counts(db):
    four = employers(4, carers=6, others=6)  # 48 respondents
    org = employer()
    monitor(org, carers=5, others=15, month=3)  # earlier in the window: replaced by October's
    october = monitor(org, carers=8, others=6, month=10)
    monitor(org, carers=2, others=1, month=11)  # the latest, but below its minimum: no figures
    monitor(org, carers=10, others=10, month=12, closed=False)  # past its last day, not closed
    monitor(org, carers=10, others=10, year=YEAR + 1, month=2)  # outside the window
    open_one = make_campaign(org, title="Open", opens_on=date(YEAR, 12, 1), closes_on=AFTER)
    assert submit(open_one, CARER, today=date(YEAR, 12, 2))
    share = figure(pooled_figures(organisations=[*four, org], **WINDOW))
    campaigns = [*Campaign.objects.filter(organisation__in=four), october]
    assert (share.percentage, share.organisations, share.respondents) == (
        expected(campaigns)[0],
        5,
        60,
    )
    assert share.percentage == round(100 * (24 + 8) / 62)
    # The window's ends are included: only March's campaign closed by 20 March.
    early = figure(
        pooled_figures(
            organisations=[*four, org], closed_from=date(YEAR, 3, 20), closed_to=date(YEAR, 3, 20)
        )
    )
    assert early.withheld_reason == WithheldReason.TOO_FEW_ORGANISATIONS


@pytest.mark.parametrize("as_queryset", [True, False])
def test_pooled_figures_cost_one_query_for_5_and_20_organisations(
    db, django_assert_num_queries, as_queryset
):
    first = employers(5)
    with django_assert_num_queries(1):
        few = pooled_figures(
            organisations=Organisation.objects.all() if as_queryset else first, **WINDOW
        )
    everyone = [*first, *employers(15)]
    with django_assert_num_queries(1):
        many = pooled_figures(
            organisations=Organisation.objects.all() if as_queryset else everyone, **WINDOW
        )
    assert (figure(few).organisations, figure(many).organisations) == (5, 20)


# --- The platform's yearly reference -------------------------------------------------------------


def test_there_is_no_reference_before_the_year_is_over(db):
    employers(6)
    assert yearly_reference(year=YEAR, today=date(YEAR, 12, 31)) is None
    assert not PooledReference.objects.exists()


def test_the_yearly_reference_is_made_once_and_never_changes(db):
    municipalities = employers(6)
    reference = yearly_reference(year=YEAR, today=AFTER)
    share = reference[OrganisationKind.MUNICIPALITY][CARER_SHARE]
    assert (share.percentage, share.organisations) == (50.0, 6)
    assert reference[ALL_EMPLOYERS][CARER_SHARE] == share
    assert not reference[OrganisationKind.CARE][CARER_SHARE].is_published
    made = {row.kind: row.figures for row in PooledReference.objects.filter(year=YEAR)}
    assert set(made) == {*OrganisationKind.values, ALL_EMPLOYERS}

    # An employer opts out afterwards; another changes its kind: the reference stays as made.
    Organisation.objects.filter(pk=municipalities[0].pk).update(share_in_pooled_figures=False)
    Organisation.objects.filter(pk=municipalities[1].pk).update(kind=OrganisationKind.CARE)
    later = yearly_reference(year=YEAR, today=date(YEAR + 1, 6, 1))
    assert later == reference
    assert {row.kind: row.figures for row in PooledReference.objects.filter(year=YEAR)} == made
    # The next year's reference is made without the one that opted out.
    for organisation in municipalities:
        monitor(organisation, carers=6, others=6, year=YEAR + 1)
    following = yearly_reference(year=YEAR + 1, today=date(YEAR + 2, 1, 5))
    assert following[ALL_EMPLOYERS][CARER_SHARE].organisations == 5


def test_a_reference_row_refuses_to_change(db):
    yearly_reference(year=YEAR, today=AFTER)
    row = PooledReference.objects.get(year=YEAR, kind=ALL_EMPLOYERS)
    row.figures = []
    with pytest.raises(PooledReferenceChanged):
        row.save()


def test_the_reference_first_closes_the_years_campaigns_that_are_still_waiting(db, monkeypatch):
    # That close is the real one; without its noise, so that its counts are those sent.
    monkeypatch.setattr(closing, "cell_key_noise", lambda seed: no_noise)
    five = employers(5)
    late = employer()
    waiting = monitor(late, carers=6, others=6, month=12, closed=False)
    reference = yearly_reference(year=YEAR, today=AFTER)
    waiting.refresh_from_db()
    assert waiting.closed_on == AFTER
    assert reference[ALL_EMPLOYERS][CARER_SHARE].organisations == len(five) + 1


def test_a_request_that_lost_the_race_reads_the_rows_made_a_moment_earlier(db):
    employers(5)
    first = yearly_reference(year=YEAR, today=AFTER)
    # The same work again, as a second request that found no rows a moment earlier does it: its
    # insert fails on the unique year and kind, and it returns the rows that were made.
    rows = pooling._make_yearly(YEAR, date(YEAR + 1, 3, 2))
    assert {row.computed_on for row in rows} == {AFTER}
    assert PooledReference.objects.filter(year=YEAR).count() == len(first)


def test_kinds_with_their_own_figure_never_leave_a_small_group_to_subtract(db):
    employers(5)  # municipalities
    business = employer(OrganisationKind.BUSINESS)
    monitor(business, carers=12, others=0)
    reference = yearly_reference(year=YEAR, today=AFTER)
    assert reference[OrganisationKind.MUNICIPALITY][CARER_SHARE].is_published
    # All employers minus the municipalities would be this one business.
    everyone = reference[ALL_EMPLOYERS][CARER_SHARE]
    assert everyone.withheld_reason == WithheldReason.SMALL_REST
    assert not reference[OrganisationKind.BUSINESS][CARER_SHARE].is_published


def test_without_figures_by_kind_all_employers_together_are_published(db):
    employers(3)
    employers(2, kind=OrganisationKind.EDUCATION)
    reference = yearly_reference(year=YEAR, today=AFTER)
    assert not reference[OrganisationKind.MUNICIPALITY][CARER_SHARE].is_published
    assert reference[ALL_EMPLOYERS][CARER_SHARE].organisations == 5


def test_two_kinds_large_enough_publish_both_and_all_employers(db):
    employers(5)
    employers(5, kind=OrganisationKind.CARE)
    reference = yearly_reference(year=YEAR, today=AFTER)
    assert reference[OrganisationKind.MUNICIPALITY][CARER_SHARE].organisations == 5
    assert reference[OrganisationKind.CARE][CARER_SHARE].organisations == 5
    assert reference[ALL_EMPLOYERS][CARER_SHARE].organisations == 10
