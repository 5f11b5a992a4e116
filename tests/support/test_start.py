"""The support advisor's start page: the advisor's own due follow-ups first, then colleagues',
the coming ones, employers waiting for an answer, and the pipeline per stage."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from support.models import FollowingState, Prospect, Stage, SupportOrganisation
from support.services import following_invite
from tests.conftest import client_for, make_support_member

TODAY = timezone.localdate


@pytest.fixture
def advisor(steunpunt):
    user = make_support_member(steunpunt, "consulent@steunpunt-aland.example")
    user.full_name = "Mira Consulent"
    user.save()
    return user


@pytest.fixture
def colleague(steunpunt):
    user = make_support_member(steunpunt, "collega@steunpunt-aland.example")
    user.full_name = "Kees Collega"
    user.save()
    return user


def make(steunpunt, name, *, owner=None, step_in=None, stage=Stage.IN_CONVERSATION):
    return Prospect.objects.create(
        support_organisation=steunpunt,
        name=name,
        owner=owner,
        stage=stage,
        next_step=f"Stap voor {name}",
        next_step_on=TODAY() + timedelta(days=step_in) if step_in is not None else None,
    )


def start_page(user, steunpunt) -> str:
    response = client_for(user).get(reverse("support:start", kwargs={"slug": steunpunt.slug}))
    assert response.status_code == 200
    return response.content.decode()


def test_the_advisors_own_due_follow_ups_come_first(steunpunt, advisor, colleague):
    make(steunpunt, "Collega Te Laat", owner=colleague, step_in=-5)
    make(steunpunt, "Mijn Vandaag", owner=advisor, step_in=0)
    make(steunpunt, "Mijn Te Laat", owner=advisor, step_in=-2)
    make(steunpunt, "Binnenkort Bezoek", owner=colleague, step_in=6)
    make(steunpunt, "Veel Later", owner=advisor, step_in=30)
    make(steunpunt, "Gestopt Bedrijf", owner=advisor, step_in=-1, stage=Stage.STOPPED)
    page = start_page(advisor, steunpunt)
    order = [
        page.index(name)
        for name in ("Mijn Te Laat", "Mijn Vandaag", "Collega Te Laat", "Binnenkort Bezoek")
    ]
    assert order == sorted(order)
    assert "Stap voor Mijn Te Laat" in page and "te laat" in page and "vandaag" in page
    assert "Veel Later" not in page and "Gestopt Bedrijf" not in page
    assert "Kees Collega" in page  # whose the colleagues' follow-ups are


def test_a_colleague_sees_the_same_follow_ups_the_other_way_round(steunpunt, advisor, colleague):
    make(steunpunt, "Van Mira", owner=advisor, step_in=0)
    make(steunpunt, "Van Kees", owner=colleague, step_in=-1)
    page = start_page(colleague, steunpunt)
    assert page.index("Van Kees") < page.index("Van Mira")


def test_nothing_due_says_so(steunpunt, advisor):
    page = start_page(advisor, steunpunt)
    assert "Er hoeft vandaag niets opgevolgd te worden." in page


def test_employers_waiting_for_an_answer_have_accept_and_decline_buttons(
    steunpunt, advisor, org_a, hr_a
):
    following = following_invite(organisation=org_a, support_organisation=steunpunt, by=hr_a)
    page = start_page(advisor, steunpunt)
    assert "Gemeente Aland" in page
    accept = reverse(
        "support:following_accept", kwargs={"slug": steunpunt.slug, "pk": following.pk}
    )
    decline = reverse(
        "support:following_decline", kwargs={"slug": steunpunt.slug, "pk": following.pk}
    )
    assert f'action="{accept}"' in page and f'action="{decline}"' in page
    # The button does what it says.
    client_for(advisor).post(accept)
    following.refresh_from_db()
    assert following.state == FollowingState.ACTIVE
    assert "Gemeente Aland" not in start_page(advisor, steunpunt)


def test_the_counts_per_stage_link_to_the_pipeline(steunpunt, advisor):
    make(steunpunt, "A", stage=Stage.RECOGNISED)
    make(steunpunt, "B", stage=Stage.RECOGNISED)
    page = start_page(advisor, steunpunt)
    pipeline = reverse("support:pipeline", kwargs={"slug": steunpunt.slug})
    assert (
        f'href="{pipeline}?stage=erkend">Erkend <span class="badge text-bg-light">2</span>' in page
    )


def test_another_support_organisations_follow_ups_never_show(steunpunt, advisor):
    other = SupportOrganisation.objects.create(name="Steunpunt Beekdal", slug="steunpunt-beekdal")
    make(other, "Geheim Bedrijf", owner=advisor, step_in=0)
    assert "Geheim Bedrijf" not in start_page(advisor, steunpunt)
    assert (
        client_for(advisor).get(reverse("support:start", kwargs={"slug": other.slug})).status_code
        == 404
    )
