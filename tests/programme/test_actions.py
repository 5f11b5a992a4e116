"""The yearly action plan: editing, filters, Terugblik, Vooruitblik and carrying over."""

from datetime import date

import pytest
from django.urls import reverse

from programme import selectors, services
from programme.models import Action, ActionStatus, PillarKey


def url(name, org, **kwargs):
    return reverse(f"programme:{name}", kwargs={"slug": org.slug, **kwargs})


VALID = {
    "title": "Dag van de Mantelzorg",
    "description": "Attentie voor alle mantelzorgers",
    "pillar": PillarKey.EMBED,
    "year": "2025",
    "status": ActionStatus.DONE,
    "planned_date": "2025-11-10",
    "completed_date": "2025-11-10",
    "owner": "Team P&O",
    "partner": "Steunpunt Mantelzorg",
    "evidence_url": "https://intranet.example/mantelzorg",
    "recurs_yearly": "on",
}


def test_hr_advisor_creates_an_action(org_a, hr_client):
    response = hr_client.post(url("action_create", org_a), VALID)
    action = Action.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("action_detail", org_a, pk=action.pk)
    assert action.organisation == org_a
    assert action.completed_date == date(2025, 11, 10)
    assert action.recurs_yearly is True


def test_invalid_action_rerenders_with_errors_and_saves_nothing(org_a, hr_client):
    data = {**VALID, "title": "", "status": ActionStatus.PLANNED, "planned_date": "2024-01-01"}
    response = hr_client.post(url("action_create", org_a), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {"title", "planned_date", "completed_date"}
    assert b"error-summary" in response.content
    assert Action.objects.count() == 0


def test_manager_reads_but_cannot_create_edit_or_delete(org_a, manager_client, make_action):
    action = make_action(org_a)
    assert manager_client.get(url("actions", org_a)).status_code == 200
    assert manager_client.get(url("action_detail", org_a, pk=action.pk)).status_code == 200
    assert manager_client.post(url("action_create", org_a), VALID).status_code == 403
    assert manager_client.post(url("action_edit", org_a, pk=action.pk), VALID).status_code == 403
    assert manager_client.post(url("action_delete", org_a, pk=action.pk)).status_code == 403
    assert Action.objects.get() == action
    assert b"action_create" not in manager_client.get(url("actions", org_a)).content


def test_hr_advisor_edits_an_action(org_a, hr_client, make_action):
    action = make_action(org_a)
    response = hr_client.post(url("action_edit", org_a, pk=action.pk), VALID)
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.title == "Dag van de Mantelzorg"
    assert action.status == ActionStatus.DONE


def test_hr_advisor_deletes_an_action_after_confirming(org_a, hr_client, make_action):
    action = make_action(org_a)
    assert hr_client.get(url("action_delete", org_a, pk=action.pk)).status_code == 200
    assert Action.objects.filter(pk=action.pk).exists()
    hr_client.post(url("action_delete", org_a, pk=action.pk))
    assert not Action.objects.filter(pk=action.pk).exists()


def test_list_filters_by_year_pillar_status_and_words(org_a, org_b, hr_client, make_action):
    wanted = make_action(
        org_a,
        title="Posters op alle locaties",
        year=2025,
        pillar=PillarKey.DISCUSS,
        status=ActionStatus.DONE,
        completed_date=date(2025, 3, 1),
    )
    make_action(org_a, title="Posters in 2026", year=2026, pillar=PillarKey.DISCUSS)
    make_action(org_a, title="Posters zonder pijler", year=2025, status=ActionStatus.DONE)
    make_action(org_b, title="Posters elders", year=2025, pillar=PillarKey.DISCUSS)
    response = hr_client.get(
        url("actions", org_a),
        {"year": 2025, "pillar": "bespreken", "status": "gereed", "q": "poster"},
    )
    assert list(response.context["page"].object_list) == [wanted]
    no_pillar = hr_client.get(url("actions", org_a), {"pillar": "none"})
    assert [a.title for a in no_pillar.context["page"].object_list] == ["Posters zonder pijler"]


def test_list_ignores_a_nonsense_filter_instead_of_failing(org_a, hr_client, make_action):
    make_action(org_a)
    response = hr_client.get(url("actions", org_a), {"year": "abc", "status": "<script>"})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 1


def test_review_shows_only_done_actions_of_the_year_by_pillar(org_a, hr_client, make_action):
    make_action(
        org_a,
        title="Intranetpagina",
        year=2025,
        pillar=PillarKey.DESCRIBE,
        status=ActionStatus.DONE,
        completed_date=date(2025, 5, 1),
    )
    make_action(org_a, title="Nog bezig", year=2025, status=ActionStatus.IN_PROGRESS)
    make_action(org_a, title="Vorig jaar", year=2024, status=ActionStatus.DONE)
    response = hr_client.get(url("action_review", org_a), {"year": 2025})
    content = response.content.decode()
    assert "Intranetpagina" in content
    assert "Nog bezig" not in content and "Vorig jaar" not in content
    groups = response.context["groups"]
    assert [(g.pillar, [a.title for a in g.actions]) for g in groups] == [
        ("beschrijven", ["Intranetpagina"])
    ]


def test_outlook_shows_planned_and_running_actions_of_next_year(org_a, hr_client, make_action):
    make_action(org_a, title="E-learning leidinggevenden", year=2027)
    make_action(org_a, title="Training contactpersonen", year=2027, status=ActionStatus.IN_PROGRESS)
    make_action(org_a, title="Vervallen plan", year=2027, status=ActionStatus.CANCELLED)
    response = hr_client.get(url("action_outlook", org_a), {"year": 2027})
    titles = [a.title for g in response.context["groups"] for a in g.actions]
    assert sorted(titles) == ["E-learning leidinggevenden", "Training contactpersonen"]


def test_recurring_actions_are_carried_into_next_year_once(org_a, make_action):
    day = make_action(
        org_a,
        title="Dag van de Mantelzorg",
        year=2025,
        recurs_yearly=True,
        status=ActionStatus.DONE,
        planned_date=date(2025, 11, 10),
        completed_date=date(2025, 11, 10),
    )
    make_action(org_a, title="Eenmalig", year=2025)
    make_action(
        org_a, title="Geschrapt", year=2025, recurs_yearly=True, status=ActionStatus.CANCELLED
    )

    carried = services.actions_carry_into_next_year(organisation=org_a, year=2025)
    assert [(a.title, a.year, a.status, a.planned_date) for a in carried] == [
        ("Dag van de Mantelzorg", 2026, ActionStatus.PLANNED, date(2026, 11, 10))
    ]
    assert carried[0].carried_from == day
    assert carried[0].completed_date is None
    assert services.actions_carry_into_next_year(organisation=org_a, year=2025) == []
    assert Action.objects.filter(year=2026).count() == 1


def test_carrying_over_a_leap_day_lands_on_28_february(org_a, make_action):
    make_action(org_a, year=2028, recurs_yearly=True, planned_date=date(2028, 2, 29))
    [carried] = services.actions_carry_into_next_year(organisation=org_a, year=2028)
    assert carried.planned_date == date(2029, 2, 28)


def test_hr_advisor_carries_over_in_one_step(org_a, hr_client, make_action):
    make_action(org_a, title="Dag van de Mantelzorg", year=2025, recurs_yearly=True)
    page = hr_client.get(url("action_carry", org_a), {"year": 2025})
    assert "Dag van de Mantelzorg" in page.content.decode()
    response = hr_client.post(url("action_carry", org_a) + "?year=2025")
    assert response.status_code == 302
    assert response["Location"].endswith("?year=2026")
    assert Action.objects.filter(year=2026, title="Dag van de Mantelzorg").count() == 1


def test_manager_cannot_carry_over(org_a, manager_client, make_action):
    make_action(org_a, year=2025, recurs_yearly=True)
    assert manager_client.post(url("action_carry", org_a) + "?year=2025").status_code == 403
    assert Action.objects.filter(year=2026).count() == 0


def test_year_at_a_glance_counts_by_status_and_overdue(org_a, org_b, make_action):
    make_action(org_a, year=2026, status=ActionStatus.DONE, completed_date=date(2026, 2, 1))
    make_action(org_a, year=2026, status=ActionStatus.PLANNED, planned_date=date(2026, 3, 1))
    make_action(org_a, year=2026, status=ActionStatus.IN_PROGRESS, planned_date=date(2026, 12, 1))
    make_action(org_a, year=2026, status=ActionStatus.CANCELLED)
    make_action(org_a, year=2027)
    make_action(org_b, year=2026, status=ActionStatus.PLANNED, planned_date=date(2026, 1, 1))
    glance = selectors.year_at_a_glance(organisation=org_a, year=2026, today=date(2026, 6, 1))
    assert (glance.total, glance.done, glance.planned, glance.in_progress, glance.cancelled) == (
        4,
        1,
        1,
        1,
        1,
    )
    assert glance.overdue == 1
    assert glance.planned_next_year == 1
    assert glance.share_done == 33


def test_dashboard_shows_the_year_and_overdue_actions(org_a, hr_client, make_action):
    from django.utils import timezone

    year = timezone.localdate().year
    make_action(org_a, title="Te laat", year=year, planned_date=date(year, 1, 1))
    response = hr_client.get(url("dashboard", org_a))
    if timezone.localdate() > date(year, 1, 1):
        assert [a.title for a in response.context["overdue"]] == ["Te laat"]
    assert response.context["glance"].year == year


@pytest.mark.parametrize("year", ["1999", "2101"])
def test_year_outside_the_plan_range_is_refused(org_a, hr_client, year):
    response = hr_client.post(url("action_create", org_a), {**VALID, "year": year})
    assert "year" in response.context["form"].errors
    assert Action.objects.count() == 0


# --- The completion date of a done action ---------------------------------------------------


def test_a_done_action_without_a_date_was_completed_today(org_a, hr_client, make_action):
    from django.utils import timezone

    hr_client.post(url("action_create", org_a), {**VALID, "completed_date": ""})
    assert Action.objects.get().completed_date == timezone.localdate()
    # Every other way in obeys it too: the shell, an import, the admin all end in save().
    made = make_action(org_a, title="Via de shell", status=ActionStatus.DONE)
    assert made.completed_date == timezone.localdate()


def test_a_completion_date_in_the_future_is_refused_everywhere(org_a, hr_client, make_action):
    from datetime import timedelta

    from django.core.exceptions import ValidationError
    from django.utils import timezone

    tomorrow = timezone.localdate() + timedelta(days=1)
    data = {**VALID, "year": str(tomorrow.year), "planned_date": "", "completed_date": tomorrow}
    response = hr_client.post(url("action_create", org_a), data)
    assert response.status_code == 200
    assert "De datum van afronding kan niet in de toekomst liggen." in response.content.decode()
    assert not Action.objects.exists()
    with pytest.raises(ValidationError):
        make_action(org_a, status=ActionStatus.DONE, completed_date=tomorrow)
    action = make_action(org_a)
    with pytest.raises(ValidationError):
        services.action_mark_done(action=action, on=tomorrow)
    action.refresh_from_db()
    assert (action.status, action.completed_date) == (ActionStatus.PLANNED, None)
    today = timezone.localdate()
    services.action_mark_done(action=action, on=today)  # today itself is fine
    action.refresh_from_db()
    assert action.completed_date == today


def test_the_database_refuses_a_done_action_without_a_date(org_a, make_action):
    from django.db import IntegrityError, transaction

    action = make_action(org_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        Action.objects.filter(pk=action.pk).update(status=ActionStatus.DONE)


def test_the_dashboard_counts_add_up_and_name_their_year(org_a, hr_client, make_action):
    import re

    from django.utils import timezone

    year = timezone.localdate().year
    statuses = [ActionStatus.DONE] * 3 + [ActionStatus.IN_PROGRESS] * 2
    statuses += [ActionStatus.PLANNED] * 4 + [ActionStatus.CANCELLED]
    for i, status in enumerate(statuses):
        make_action(org_a, title=f"Actie {i}", year=year, status=status)
    make_action(
        org_a, title="Vorig jaar, te laat", year=year - 1, planned_date=date(year - 1, 3, 1)
    )
    make_action(org_a, title="Volgend jaar", year=year + 1)
    html = hr_client.get(url("dashboard", org_a)).content.decode()
    assert f"10 acties in {year}:" in html
    counts = html[html.index('class="row row-cols-2') : html.index('for="share-done"')]
    stats = [int(n) for n in re.findall(r'<p class="stat mb-0">(\d+)</p>', counts)]
    assert stats == [3, 2, 4, 1] and sum(stats) == 10  # done, in progress, planned, cancelled
    assert f"3 van de 9 acties van {year} die niet vervallen zijn, zijn gereed (33%)" in html
    # The overdue one is of last year: counted apart, and said to be of any year.
    assert "1 open actie, uit welk jaar ook, is over de geplande datum heen." in html
