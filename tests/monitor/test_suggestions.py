"""Suggestions from a campaign's figures, and adopting one into the yearly plan.

Suggestions come only from a closed campaign's snapshot: an open campaign has no figures, so it
suggests nothing and nothing of it can be adopted.
"""

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation

from monitor import suggestions as rules
from monitor.results import summary_for
from monitor.suggestions import IDEAS, Suggestion, suggestion_adopt, suggestions_for
from programme.models import Action, ActionStatus, PillarKey
from tests.monitor.conftest import TODAY, close, submit

# Every metric at a value that calls for nothing.
QUIET = {
    "response-rate": 80.0,
    "carer-share": 25.0,
    "discussed-with-manager": 70.0,
    "wants-to-discuss": 10.0,
    "good-solution-when-discussed": 80.0,
    "knows-regulations": 80.0,
    "knows-municipal-support": 80.0,
    "uses-municipal-support": 50.0,
    "culture-open": 80.0,
    "awareness": 80.0,
    "manager-understanding": 80.0,
    "needs-attention": 10.0,
    "needs-flexibility": 10.0,
    "needs-leave": 10.0,
    "needs-information": 10.0,
}

# metric, the value at its threshold that stays silent, the nearest value that fires, the keys.
THRESHOLDS = [
    ("discussed-with-manager", 50, 49.9, {"discuss-in-team", "train-managers"}),
    ("good-solution-when-discussed", 50, 49.9, {"train-managers"}),
    ("manager-understanding", 50, 49.9, {"train-managers"}),
    ("knows-regulations", 50, 49.9, {"publish-regulations"}),
    ("knows-municipal-support", 60, 59.9, {"invite-municipal-consultant"}),
    ("culture-open", 50, 49.9, {"open-culture"}),
    ("awareness", 50, 49.9, {"inform-everyone"}),
    ("needs-flexibility", 39.9, 40, {"flexible-work-agreements"}),
    ("needs-leave", 39.9, 40, {"explain-leave"}),
    ("needs-information", 39.9, 40, {"carer-information"}),
    ("carer-share", 15, 14.9, {"explain-caregiving"}),
    ("response-rate", 30, 29.9, {"repeat-monitor"}),
]


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    """The views look at today's date (and close a campaign past its last day): the tests' day."""
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)


def keys(metrics) -> set[str]:
    return {s.key for s in suggestions_for(metrics=metrics)}


def test_quiet_figures_suggest_nothing():
    assert suggestions_for(metrics=QUIET) == []


@pytest.mark.parametrize(("metric", "silent", "firing", "expected"), THRESHOLDS)
def test_each_rule_stays_silent_at_its_threshold_and_fires_past_it(
    metric, silent, firing, expected
):
    assert keys({**QUIET, metric: silent}) == set()
    assert keys({**QUIET, metric: firing}) == expected


@pytest.mark.parametrize("metric", sorted(QUIET))
def test_a_suppressed_figure_never_fires(metric):
    assert keys({**QUIET, metric: None}) == set()


def test_figures_that_are_all_suppressed_or_missing_suggest_nothing():
    assert suggestions_for(metrics=dict.fromkeys(QUIET)) == []
    assert suggestions_for(metrics={}) == []


def test_the_reason_cites_the_figure_rounded_to_a_whole_percent():
    (suggestion,) = suggestions_for(metrics={**QUIET, "knows-regulations": 31.6})

    assert suggestion == Suggestion(
        key="publish-regulations",
        pillar=PillarKey.DESCRIBE,
        title="Describe the regulations for carers on the intranet",
        description=str(IDEAS["publish-regulations"].description),
        reason="Only 32% of carers know the organisation's regulations.",
    )


def test_rules_for_the_same_action_give_one_suggestion_with_both_reasons():
    found = suggestions_for(
        metrics={**QUIET, "discussed-with-manager": 32.0, "manager-understanding": 41.0}
    )

    (train,) = [s for s in found if s.key == "train-managers"]
    assert train.pillar == PillarKey.EQUIP
    assert train.reason == (
        "Only 32% of carers talked with their manager about it. "
        "Only 41% agree that managers show understanding for carers."
    )
    assert [s.key for s in found] == ["discuss-in-team", "train-managers"]


def test_suggestions_come_in_pillar_order():
    everything = {
        **QUIET,
        **{metric: firing for metric, _silent, firing, _keys in THRESHOLDS},
    }

    pillars = [s.pillar for s in suggestions_for(metrics=everything)]
    order = list(PillarKey)
    assert pillars == sorted(pillars, key=order.index)
    assert set(pillars) == set(order)


def test_every_suggestion_fits_an_action():
    title_length = Action._meta.get_field("title").max_length
    for key, idea in IDEAS.items():
        assert idea.pillar in PillarKey.values, key
        assert len(str(idea.title)) <= title_length, key
    assert {k for rule in rules.RULES for k in rule.keys} == set(IDEAS)


# --- adopting ------------------------------------------------------------------------------


@pytest.fixture
def hr_client(hr_client, settings):
    """HR of organisation A, reading in English: the action's title is stored in that language."""
    hr_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return hr_client


def respond_talked_little(campaign) -> None:
    """Carers who mostly did not talk with their manager (5 of 11: 45%)."""
    for _ in range(5):
        submit(campaign, {1: [1], 6: [1], 7: [1]})
    for _ in range(6):
        submit(campaign, {1: [1], 6: [2]})


@pytest.fixture
def talked_little(campaign):
    """A closed campaign whose carers mostly did not talk with their manager."""
    respond_talked_little(campaign)
    return close(campaign)


def results_url(campaign) -> str:
    kwargs = {"slug": campaign.organisation.slug, "pk": campaign.pk}
    return reverse("monitor:results", kwargs=kwargs)


def adopt_url(campaign, key="train-managers", slug=None):
    return reverse(
        "monitor:suggestion_adopt",
        kwargs={"slug": slug or campaign.organisation.slug, "pk": campaign.pk, "key": key},
    )


def test_adopting_puts_one_planned_action_in_this_years_plan(hr_client, org_a, talked_little):
    response = hr_client.post(adopt_url(talked_little))

    action = Action.objects.get()
    assert response.status_code == 302
    assert response.url == reverse(
        "programme:action_detail", kwargs={"slug": org_a.slug, "pk": action.pk}
    )
    assert action.organisation == org_a
    assert action.title == "Train managers for the conversation with carers"
    assert action.description == str(IDEAS["train-managers"].description)
    assert action.pillar == PillarKey.EQUIP
    assert action.year == timezone.localdate().year
    assert action.status == ActionStatus.PLANNED


def test_adopting_says_so_on_the_next_page(hr_client, talked_little):
    response = hr_client.post(adopt_url(talked_little), follow=True)

    assert response.status_code == 200
    assert "has been added to the plan" in response.content.decode()


def test_adopting_twice_keeps_one_action_and_says_it_is_already_planned(hr_client, talked_little):
    first = hr_client.post(adopt_url(talked_little))
    second = hr_client.post(adopt_url(talked_little), follow=True)

    assert Action.objects.count() == 1
    assert second.redirect_chain[0][0] == first.url
    assert "already in the plan" in second.content.decode()


def test_an_action_of_last_year_with_the_same_title_does_not_count(
    hr_client, org_a, talked_little, make_action
):
    last_year = timezone.localdate().year - 1
    make_action(org_a, title="Train managers for the conversation with carers", year=last_year)

    hr_client.post(adopt_url(talked_little))

    assert Action.objects.filter(year=last_year + 1).count() == 1


def test_an_action_of_another_organisation_with_the_same_title_does_not_count(
    hr_client, org_b, talked_little, make_action
):
    year = timezone.localdate().year
    make_action(org_b, title="Train managers for the conversation with carers", year=year)

    hr_client.post(adopt_url(talked_little))

    assert talked_little.organisation.actions.filter(year=year).count() == 1


def test_an_unknown_key_gets_404(hr_client, talked_little):
    response = hr_client.post(adopt_url(talked_little, key="no-such-suggestion"))

    assert response.status_code == 404
    assert not Action.objects.exists()


def test_a_known_key_the_figures_do_not_call_for_gets_404(hr_client, talked_little):
    called_for = keys(summary_for(campaign=talked_little).metrics)
    assert "train-managers" in called_for
    assert "flexible-work-agreements" not in called_for  # nobody answered what would help

    response = hr_client.post(adopt_url(talked_little, key="flexible-work-agreements"))

    assert response.status_code == 404
    assert not Action.objects.exists()


def test_a_closed_campaigns_results_page_offers_its_suggestions(hr_client, talked_little):
    html = hr_client.get(results_url(talked_little)).content.decode()

    assert 'id="suggestions"' in html
    assert f'action="{adopt_url(talked_little)}"' in html


def test_an_open_campaign_offers_no_suggestion_and_none_can_be_adopted(hr_client, campaign):
    # The same responses that call for training managers once closed.
    respond_talked_little(campaign)
    assert suggestions_for(metrics=summary_for(campaign=campaign).metrics) == []

    html = hr_client.get(results_url(campaign)).content.decode()
    response = hr_client.post(adopt_url(campaign))

    assert 'id="not-closed"' in html
    assert 'id="suggestions"' not in html and "suggestion-" not in html
    assert response.status_code == 404
    assert not Action.objects.exists()


def test_a_campaign_closed_below_the_minimum_suggests_nothing_to_adopt(hr_client, campaign):
    for _ in range(4):
        submit(campaign, {1: [1], 6: [2]})
    close(campaign)

    response = hr_client.post(adopt_url(campaign))

    assert response.status_code == 404
    assert not Action.objects.exists()


def test_a_manager_gets_403(manager_client, talked_little):
    response = manager_client.post(adopt_url(talked_little))

    assert response.status_code == 403
    assert not Action.objects.exists()


def test_hr_of_another_organisation_gets_404(other_org_client, talked_little):
    response = other_org_client.post(adopt_url(talked_little))

    assert response.status_code == 404
    assert not Action.objects.exists()


def test_a_campaign_of_another_organisation_gets_404(hr_client, org_a, campaign_b):
    respond_talked_little(campaign_b)
    close(campaign_b)  # its figures call for training managers: the 404 is for the scope
    assert "train-managers" in keys(summary_for(campaign=campaign_b).metrics)

    response = hr_client.post(adopt_url(campaign_b, slug=org_a.slug))

    assert response.status_code == 404
    assert not Action.objects.exists()


def test_get_is_not_allowed(hr_client, talked_little):
    response = hr_client.get(adopt_url(talked_little))

    assert response.status_code == 405
    assert not Action.objects.exists()


def test_the_service_adds_nothing_when_the_title_is_already_planned(org_a):
    (suggestion,) = suggestions_for(metrics={**QUIET, "response-rate": 12.0})
    today = timezone.localdate()

    first, created = suggestion_adopt(organisation=org_a, suggestion=suggestion, today=today)
    again, created_again = suggestion_adopt(organisation=org_a, suggestion=suggestion, today=today)

    assert (created, created_again) == (True, False)
    assert again == first
    assert first.pillar == PillarKey.EMBED


# --- the partial -----------------------------------------------------------------------------


def render_partial(campaign, can_edit: bool, found: list[Suggestion]) -> str:
    request = RequestFactory().get("/")
    return render_to_string(
        "monitor/includes/suggestions.html",
        {"suggestions": found, "campaign": campaign, "can_edit": can_edit},
        request=request,
    )


def test_the_partial_shows_each_suggestion_with_a_form_for_hr(campaign):
    found = suggestions_for(metrics={**QUIET, "discussed-with-manager": 32.0})

    html = render_partial(campaign, True, found)

    for suggestion in found:
        assert suggestion.title in html
        assert suggestion.reason in html
        assert f'action="{adopt_url(campaign, key=suggestion.key)}"' in html
        # The button's name is its text followed by the suggestion's heading.
        assert f'<h3 class="h5 card-title" id="suggestion-{suggestion.key}">' in html
        assert (
            f'id="adopt-{suggestion.key}" aria-labelledby="adopt-{suggestion.key} '
            f'suggestion-{suggestion.key}"'
        ) in html
    assert html.count('method="post"') == len(found)
    assert html.count("csrfmiddlewaretoken") == len(found)
    assert "pillar-bespreken" in html and "pillar-bekwamen" in html


def test_the_partial_offers_no_form_to_members_who_cannot_edit(campaign):
    found = suggestions_for(metrics={**QUIET, "discussed-with-manager": 32.0})

    html = render_partial(campaign, False, found)

    assert found[0].title in html
    assert "<form" not in html


def test_the_partial_says_when_there_is_nothing_to_suggest(campaign):
    html = render_partial(campaign, True, [])

    assert "<form" not in html
    assert "No suggestions" in html
