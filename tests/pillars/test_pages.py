"""The pillar pages: overview, worksheet with status in place, item page, mine, overdue."""

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from pillars import services
from pillars.models import ChecklistItem, ItemProgress, Pillar, ProgressStatus


def url(name, org, **kwargs):
    return reverse(f"pillars:{name}", kwargs={"slug": org.slug, **kwargs})


def test_hr_advisor_changes_a_status_in_place(org_a, hr_client, plain_item):
    response = hr_client.post(url("item_status", org_a, pk=plain_item.pk), {"status": "bezig"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"/pillars/borgen/#item-{plain_item.pk}")
    assert ItemProgress.objects.get().status == ProgressStatus.IN_PROGRESS


def test_not_applicable_without_reason_in_place_changes_nothing(org_a, hr_client, plain_item):
    response = hr_client.post(
        url("item_status", org_a, pk=plain_item.pk), {"status": "nvt", "reason": ""}, follow=True
    )
    assert not ItemProgress.objects.exists()
    assert response.status_code == 200
    assert [m.level_tag for m in response.context["messages"]] == ["error"]


def test_manager_reads_pillars_but_cannot_change_them(org_a, manager_client, plain_item):
    for name, kwargs in [
        ("overview", {}),
        ("pillar", {"key": "borgen"}),
        ("item", {"pk": plain_item.pk}),
        ("mine", {}),
        ("overdue", {}),
    ]:
        assert manager_client.get(url(name, org_a, **kwargs)).status_code == 200, name
    assert (
        manager_client.post(
            url("item_status", org_a, pk=plain_item.pk), {"status": "gereed"}
        ).status_code
        == 403
    )
    assert manager_client.get(url("item_edit", org_a, pk=plain_item.pk)).status_code == 403
    assert not ItemProgress.objects.exists()


def test_the_progress_form_saves_and_the_item_page_shows_it(
    org_a, hr_client, hr_a, plain_item, make_action
):
    action = make_action(org_a, title="Intranetpagina")
    response = hr_client.post(
        url("item_edit", org_a, pk=plain_item.pk),
        {
            "status": "gereed",
            "responsible": f"member-{hr_a.memberships.get().pk}",
            "evidence_text": "Hoofdstuk mantelzorg in het handboek",
            "evidence_url": "https://intranet.example/mantelzorg",
            "actions": [action.pk],
        },
    )
    assert response.status_code == 302
    page = hr_client.get(url("item", org_a, pk=plain_item.pk)).content.decode()
    assert "https://intranet.example/mantelzorg" in page
    assert "Intranetpagina" in page
    assert hr_a.email in page  # responsible, shown by name or address


def test_the_progress_form_refuses_a_foreign_action_or_member(
    org_a, org_b, hr_client, hr_b, plain_item, make_action
):
    foreign_action = make_action(org_b, title="Elders")
    response = hr_client.post(
        url("item_edit", org_a, pk=plain_item.pk),
        {
            "status": "open",
            "actions": [foreign_action.pk],
            "responsible": f"member-{hr_b.memberships.get().pk}",
        },
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"actions", "responsible"}
    assert not ItemProgress.objects.exists()


def test_hr_adds_an_item_of_their_own(org_a, hr_client):
    response = hr_client.post(
        url("item_add", org_a, key="borgen"),
        {"text": "Jaarlijkse lunch voor werkende mantelzorgers", "counts_for_recognition": "on"},
    )
    item = ChecklistItem.objects.get(organisation=org_a)
    assert response["Location"] == url("item", org_a, pk=item.pk)
    assert item.pillar.key == "borgen"
    worksheet = hr_client.get(url("pillar", org_a, key="borgen")).content.decode()
    assert "Jaarlijkse lunch voor werkende mantelzorgers" in worksheet


def test_another_organisations_own_item_is_404(org_a, org_b, hr_client):
    foreign = services.item_add_own(
        organisation=org_b,
        pillar=Pillar.objects.get(key="borgen"),
        text="Van een ander",
        guidance="",
        counts_for_recognition=True,
    )
    assert hr_client.get(url("item", org_a, pk=foreign.pk)).status_code == 404
    assert (
        hr_client.post(url("item_status", org_a, pk=foreign.pk), {"status": "gereed"}).status_code
        == 404
    )


def test_an_unknown_pillar_is_404(org_a, hr_client):
    assert hr_client.get(url("pillar", org_a, key="bestaat-niet")).status_code == 404


def test_the_dashboard_shows_the_four_pillars_progress(org_a, hr_a, hr_client, borgen):
    first = borgen.items.order_by("order").first()
    services.progress_update(
        organisation=org_a,
        item=first,
        by=hr_a,
        fields={"status": "gereed"},
        today=timezone.localdate(),
    )
    response = hr_client.get(reverse("programme:dashboard", kwargs={"slug": org_a.slug}))
    html = response.content.decode()
    assert 'id="progress-borgen-dashboard" class="app-progress" value="25"' in html
    assert 'id="progress-bespreken-dashboard" class="app-progress" value="0"' in html


def test_overdue_page_lists_items_past_their_due_date(org_a, hr_a, hr_client, borgen):
    items = list(borgen.items.order_by("order"))
    for item, due in [(items[0], date(2020, 1, 1)), (items[2], date(2999, 1, 1))]:
        services.progress_update(
            organisation=org_a,
            item=item,
            by=hr_a,
            fields={"due_date": due},
            today=timezone.localdate(),
        )
    rows = hr_client.get(url("overdue", org_a)).context["rows"]
    assert [row.item for row in rows] == [items[0]]


def add_own_items(org, count_per_pillar: int, hr):
    today = timezone.localdate()
    for pillar in Pillar.objects.all():
        for i in range(count_per_pillar):
            item = services.item_add_own(
                organisation=org,
                pillar=pillar,
                text=f"Eigen punt {i}",
                guidance="",
                counts_for_recognition=True,
            )
            if i % 2:
                services.progress_update(
                    organisation=org,
                    item=item,
                    by=hr,
                    fields={
                        "status": "bezig",
                        "due_date": date(2026, 1, i % 28 + 1),
                        "responsible_member": hr.memberships.get(),
                    },
                    today=today,
                )


def count(client, address) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(address).status_code == 200
    return len(queries)


@pytest.mark.parametrize("page", ["overview", "pillar", "mine", "overdue"])
def test_pages_cost_the_same_queries_with_4_and_with_4_times_50_items(page, org_a, hr_a, hr_client):
    """Query count with the standard items plus 1 own item per pillar, then 50 per pillar."""
    address = url(page, org_a, **({"key": "borgen"} if page == "pillar" else {}))
    add_own_items(org_a, 1, hr_a)
    few = count(hr_client, address)
    add_own_items(org_a, 49, hr_a)
    assert ChecklistItem.objects.filter(organisation=org_a).count() == 200
    many = count(hr_client, address)
    assert few == many
    assert many <= 7, f"{page}: {many} queries"


def test_query_counts_of_the_pillar_pages(org_a, hr_a, hr_client, capsys):
    """Prints the counts for the record (run with -s), with 4 x 50 own items."""
    add_own_items(org_a, 50, hr_a)
    counts = {
        page: count(hr_client, url(page, org_a, **({"key": "borgen"} if page == "pillar" else {})))
        for page in ["overview", "pillar", "mine", "overdue"]
    }
    counts["dashboard"] = count(
        hr_client, reverse("programme:dashboard", kwargs={"slug": org_a.slug})
    )
    with capsys.disabled():
        print("\nqueries per pillar page with 217 items:", counts)
    # The dashboard also carries the monitor's panel (two queries when there is no campaign yet:
    # the latest closed campaign, whose snapshot holds the figures, and the open one, whose
    # progress is shown), the letters' panel (one) and the recognition's readiness (eight; see
    # test_query_budgets).
    assert counts.pop("dashboard") <= 20
    assert max(counts.values()) <= 10


def test_an_action_only_planned_is_not_listed_as_done_for_the_item(
    org_a, hr_a, hr_client, plain_item, make_action
):
    from programme.models import ActionStatus

    done = make_action(org_a, title="Lunch gehouden", status=ActionStatus.DONE)
    planned = make_action(org_a, title="Training nog te geven", year=2027)
    cancelled = make_action(org_a, title="Geschrapte nieuwsbrief", status=ActionStatus.CANCELLED)
    services.progress_update(
        organisation=org_a,
        item=plain_item,
        by=hr_a,
        fields={"actions": [done, planned, cancelled]},
        today=date(2026, 11, 1),
    )
    html = hr_client.get(url("item", org_a, pk=plain_item.pk)).content.decode()
    done_part = html[html.index('id="actions-title"') : html.index('id="planned-actions-title"')]
    assert "Lunch gehouden" in done_part and "Training nog te geven" not in done_part
    planned_part = html[html.index('id="planned-actions-title"') : html.index('id="history-title"')]
    assert "Hiervoor gepland" in planned_part and "Training nog te geven" in planned_part
    assert "Geschrapte nieuwsbrief" not in html[: html.index('id="history-title"')]


def test_an_item_with_only_planned_actions_says_nothing_was_done_yet(
    org_a, hr_a, hr_client, plain_item, make_action
):
    planned = make_action(org_a, title="Training nog te geven", year=2027)
    services.progress_update(
        organisation=org_a,
        item=plain_item,
        by=hr_a,
        fields={"actions": [planned]},
        today=date(2026, 11, 1),
    )
    html = hr_client.get(url("item", org_a, pk=plain_item.pk)).content.decode()
    assert "Nog geen van de gekoppelde acties is gereed." in html


def test_the_dashboard_pillar_figure_says_what_it_counts(org_a, hr_client):
    html = hr_client.get(reverse("programme:dashboard", kwargs={"slug": org_a.slug})).content
    assert "Per pijler: de punten van de checklist die gereed zijn" in html.decode()


def test_the_progress_form_has_one_owner_field_one_evidence_place_and_action_checkboxes(
    org_a, hr_client, plain_item, make_action
):
    from programme.models import ContactPerson

    ContactPerson.objects.create(organisation=org_a, name="Anna de Vries", function="P&O")
    make_action(org_a, title="Intranetpagina")
    html = hr_client.get(url("item_edit", org_a, pk=plain_item.pk)).content.decode()
    # One owner field: members and contact persons in two groups of one list.
    assert html.count('name="responsible"') == 1
    assert 'name="responsible_member"' not in html and 'name="responsible_contact"' not in html
    assert '<optgroup label="Leden">' in html and '<optgroup label="Contactpersonen">' in html
    assert "Anna de Vries (P&amp;O)" in html
    # The evidence: description, link and file together in one fieldset.
    evidence = html[
        html.index('id="evidence"') : html.index("</fieldset>", html.index('id="evidence"'))
    ]
    for name in ("evidence_text", "evidence_url", "evidence_file"):
        assert f'name="{name}"' in evidence, name
    # The linked actions are checkboxes, not a multiple select.
    assert re.search(r'<input type="checkbox"[^>]* name="actions" value="\d+"', html)
    assert "<select multiple" not in html and 'name="actions" multiple' not in html


def test_a_contact_person_takes_over_from_a_member_and_a_file_comes_with_the_form(
    org_a, hr_client, hr_a, plain_item
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from programme.models import ContactPerson
    from tests.browser.samples import PDF

    contact = ContactPerson.objects.create(organisation=org_a, name="Anna de Vries")
    edit = url("item_edit", org_a, pk=plain_item.pk)
    member = f"member-{hr_a.memberships.get().pk}"
    assert hr_client.post(edit, {"status": "bezig", "responsible": member}).status_code == 302
    assert ItemProgress.objects.get().responsible_member == hr_a.memberships.get()
    # The form shows the current owner selected.
    assert f'<option value="{member}" selected>' in hr_client.get(edit).content.decode()

    upload = SimpleUploadedFile("verslag.pdf", PDF, content_type="application/pdf")
    response = hr_client.post(
        edit, {"status": "bezig", "responsible": f"contact-{contact.pk}", "evidence_file": upload}
    )
    assert response.status_code == 302
    progress = ItemProgress.objects.get()
    assert progress.responsible_contact == contact and progress.responsible_member is None
    assert [f.original_name for f in progress.files.all()] == ["verslag.pdf"]


def test_a_refused_file_keeps_the_whole_form_unsaved(org_a, hr_client, plain_item):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("notulen.txt", b"Alleen tekst.", content_type="text/plain")
    response = hr_client.post(
        url("item_edit", org_a, pk=plain_item.pk),
        {"status": "gereed", "notes": "Klaar", "evidence_file": upload},
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"evidence_file"}
    assert not ItemProgress.objects.exists()
