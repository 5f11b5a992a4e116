"""Django's admin is for platform staff only, and even they cannot get past the monitor's locks:
the minimum, a closed campaign's dates and answered questions stay as they are."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from accounts.models import User
from monitor.models import Campaign, CustomQuestion
from support.models import Following, FollowingEventKind, FollowingState
from tests.conftest import client_for, with_second_factor
from tests.monitor.conftest import close, make_campaign, submit


def test_an_organisation_member_cannot_use_the_admin(hr_client, org_a):
    for url in [reverse("admin:index"), reverse("admin:programme_action_changelist")]:
        response = hr_client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))


def test_platform_staff_see_every_model_in_the_admin(db, org_a):
    staff = with_second_factor(
        User.objects.create_superuser(email="beheer@example.org", password="x")
    )
    client = client_for(staff)
    for name in [
        "accounts_user",
        "programme_organisation",
        "programme_membership",
        "programme_action",
        "programme_contactperson",
        "programme_supportoffer",
        "programme_regulation",
        "support_supportorganisation",
        "support_supportmembership",
        "support_following",
    ]:
        assert client.get(reverse(f"admin:{name}_changelist")).status_code == 200, name
    assert (
        client.get(reverse("admin:programme_organisation_change", args=[org_a.pk])).status_code
        == 200
    )


def test_platform_staff_end_a_following_in_the_admin_and_it_is_recorded(db, org_a, advisor_a):
    staff = with_second_factor(
        User.objects.create_superuser(email="beheer@example.org", password="x")
    )
    following = Following.objects.get(organisation=org_a)
    response = client_for(staff).post(
        reverse("admin:support_following_changelist"),
        {"action": "end_followings", "_selected_action": [following.pk]},
    )
    assert response.status_code == 302
    following.refresh_from_db()
    assert following.state == FollowingState.ENDED
    event = following.events.get(kind=FollowingEventKind.ENDED)
    assert event.by == staff and event.by_name == "beheer@example.org"


def test_a_following_cannot_be_added_or_changed_in_the_admin(db, org_a, advisor_a):
    staff = with_second_factor(
        User.objects.create_superuser(email="beheer@example.org", password="x")
    )
    client = client_for(staff)
    assert client.get(reverse("admin:support_following_add")).status_code == 403
    following = Following.objects.get(organisation=org_a)
    response = client.post(
        reverse("admin:support_following_change", args=[following.pk]), {"state": "ended"}
    )
    following.refresh_from_db()
    assert following.state == "active", response.status_code


# --- The monitor's locks hold in the admin too -------------------------------------------------


@pytest.fixture
def staff_client(db):
    return client_for(
        with_second_factor(User.objects.create_superuser(email="beheer@example.org", password="x"))
    )


@pytest.fixture
def upcoming(org_a):
    """A campaign that opens next week, with a question of its own (added before its first
    day, as HR does: from then on the questions are fixed)."""
    today = timezone.localdate()
    campaign = make_campaign(
        org_a,
        opens_on=today + timedelta(days=7),
        closes_on=today + timedelta(days=28),
        min_group_size=10,
    )
    CustomQuestion.objects.create(
        campaign=campaign, code=101, kind="single", text="Werk je op locatie?", options="Ja\nNee"
    )
    return campaign


@pytest.fixture
def answered(upcoming):
    """The upcoming campaign, opened a week ago (its first day has come), with 12 responses."""
    today = timezone.localdate()
    Campaign.objects.filter(pk=upcoming.pk).update(opens_on=today - timedelta(days=7))
    upcoming.refresh_from_db()
    for _ in range(12):
        submit(upcoming, {1: [2], 101: [1]}, today=today)
    return upcoming


def change_url(campaign) -> str:
    return reverse("admin:monitor_campaign_change", args=[campaign.pk])


def change_form_data(response) -> dict:
    """What the change form would send as shown: its editable fields and the inline's."""
    data = {}

    def add(form):
        for name in form.fields:
            value = form[name].value()
            if value is True:
                data[form.add_prefix(name)] = "on"
            elif value not in (None, False):
                data[form.add_prefix(name)] = value

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        add(inline.formset.management_form)
        for form in inline.formset.forms:
            add(form)
    return data


def test_before_its_first_day_staff_may_still_change_the_minimum_and_the_questions(
    staff_client, upcoming
):
    """The positive control: the fields below are read-only because of the locks, not always."""
    html = staff_client.get(change_url(upcoming)).content.decode()
    assert 'name="min_group_size"' in html and 'name="custom_questions-0-text"' in html


def test_staff_cannot_lower_the_minimum_group_size_once_anyone_responded(staff_client, answered):
    response = staff_client.get(change_url(answered))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="min_group_size"' not in html  # shown, read-only
    assert 'name="title"' in html and 'name="closes_on"' in html  # still open: these may change
    data = change_form_data(response)
    assert "min_group_size" not in data
    crafted = {**data, "title": "Monitor 2026 (hernoemd)", "min_group_size": "5"}
    response = staff_client.post(change_url(answered), crafted)
    assert response.status_code == 302, response.content.decode()[:2000]
    answered.refresh_from_db()
    assert answered.title == "Monitor 2026 (hernoemd)"  # the form was saved...
    assert answered.min_group_size == 10  # ...but not the minimum
    answered.min_group_size = 5
    with pytest.raises(ValidationError) as refused:
        answered.save()  # and no other path gets past the model
    assert "min_group_size" in refused.value.error_dict


def test_staff_cannot_move_the_last_day_of_a_closed_campaign(staff_client, answered):
    today = timezone.localdate()
    close(answered, today=today)
    assert (answered.closes_on, answered.closed_on) == (today, today)
    response = staff_client.get(change_url(answered))
    html = response.content.decode()
    for locked in ("opens_on", "closes_on", "min_group_size", "access_mode", "invited_count"):
        assert f'name="{locked}"' not in html, locked
    later = (today + timedelta(days=30)).isoformat()
    crafted = {**change_form_data(response), "title": "Gesloten monitor", "closes_on": later}
    assert staff_client.post(change_url(answered), crafted).status_code == 302
    answered.refresh_from_db()
    assert answered.title == "Gesloten monitor"  # the title is all that may change
    assert (answered.closes_on, answered.closed_on) == (today, today)
    answered.closes_on = today + timedelta(days=30)
    with pytest.raises(ValidationError) as refused:
        answered.save()
    assert "closes_on" in refused.value.error_dict
    answered.refresh_from_db()
    answered.closed_on = None  # nor can it open again
    with pytest.raises(ValidationError):
        answered.save()


def test_custom_questions_are_read_only_in_the_admin_once_answered(staff_client, answered):
    question = answered.custom_questions.get()
    response = staff_client.get(change_url(answered))
    html = response.content.decode()
    assert "Werk je op locatie?" in html
    for name in ("kind", "text", "text_en", "options", "DELETE"):
        assert f'name="custom_questions-0-{name}"' not in html, name
    crafted = {
        **change_form_data(response),
        "custom_questions-0-text": "Heb je een chronische ziekte?",
        "custom_questions-0-options": "Ja\nNee\nMisschien",
        "custom_questions-0-DELETE": "on",
    }
    assert staff_client.post(change_url(answered), crafted).status_code == 302
    question.refresh_from_db()
    assert (question.text, question.options) == ("Werk je op locatie?", "Ja\nNee")
    question.text = "Heb je een chronische ziekte?"
    with pytest.raises(ValidationError):
        question.save()
    with pytest.raises(ValidationError):
        question.delete()
    assert answered.custom_questions.count() == 1


@pytest.mark.parametrize(
    "model", ["inboxentry", "answertally", "textanswer", "snapshot", "accesscode"]
)
def test_the_monitors_raw_data_and_snapshots_are_not_in_the_admin(model):
    with pytest.raises(NoReverseMatch):
        reverse(f"admin:monitor_{model}_changelist")
