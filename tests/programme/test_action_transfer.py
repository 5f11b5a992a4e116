"""Import and export of actions: preview, row-level errors, all-or-nothing, escaped cells."""

import csv
import io
from datetime import date

import openpyxl
import pytest
from django.urls import reverse

from programme.models import Action, ActionStatus, PillarKey
from programme.resources import ActionResource
from programme.transfer import (
    escape_cell,
    export_bytes,
    import_commit,
    import_preview,
    unescape_cell,
)
from tests.transfer_samples import PAYLOADS, csv_upload

HEADER = "titel;omschrijving;pijler;jaar;status;gepland_op;gereed_op;eigenaar;jaarlijks\n"


def url(name, org, **kwargs):
    return reverse(f"programme:{name}", kwargs={"slug": org.slug, **kwargs})


def upload(content: str | bytes, name="acties.csv"):
    return csv_upload(content, name)


# --- Export --------------------------------------------------------------------------------------


@pytest.mark.parametrize("payload", PAYLOADS)
def test_csv_export_escapes_cells_that_start_a_formula(org_a, hr_client, make_action, payload):
    make_action(org_a, title=payload, description="gewone tekst", owner=payload)
    response = hr_client.get(url("action_export", org_a, file_format="csv"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(
        csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"), newline=""), delimiter=";")
    )
    assert rows[0]["titel"] == "'" + payload
    assert rows[0]["eigenaar"] == "'" + payload
    assert rows[0]["omschrijving"] == "gewone tekst"


@pytest.mark.parametrize("payload", PAYLOADS)
def test_xlsx_export_holds_the_payload_as_text_not_as_formula(
    org_a, hr_client, make_action, payload
):
    make_action(org_a, title=payload)
    response = hr_client.get(url("action_export", org_a, file_format="xlsx"))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    headers = [cell.value for cell in sheet[1]]
    cell = sheet.cell(row=2, column=headers.index("titel") + 1)
    assert cell.data_type == "s"
    # openpyxl writes through lxml (installed with python-docx), which keeps a carriage
    # return as &#13;: the payload comes back whole, behind its leading apostrophe.
    assert cell.value == "'" + payload


def test_export_holds_only_the_organisations_own_actions(org_a, org_b, hr_client, make_action):
    make_action(org_a, title="Eigen actie")
    make_action(org_b, title="Actie van een ander")
    content = hr_client.get(url("action_export", org_a, file_format="csv")).content.decode()
    assert "Eigen actie" in content and "Actie van een ander" not in content


def test_export_of_an_unknown_format_is_404(org_a, hr_client):
    assert hr_client.get(url("action_export", org_a, file_format="json")).status_code == 404


def test_manager_may_export(org_a, manager_client, make_action):
    make_action(org_a)
    assert manager_client.get(url("action_export", org_a, file_format="xlsx")).status_code == 200


def test_escaping_round_trips():
    for payload in [*PAYLOADS, "gewoon", "'al met apostrof", "", None, 2025]:
        assert unescape_cell(escape_cell(payload)) == payload


# --- Import --------------------------------------------------------------------------------------


def test_preview_reports_rows_and_writes_nothing(org_a):
    content = (
        HEADER
        + "Intranetpagina;Pagina over mantelzorg;beschrijven;2025;gereed;;01-03-2025;P&O;nee\n"
        + "Dag van de Mantelzorg;;Borgen;2026;Gepland;2026-11-10;;;ja\n"
    )
    report = import_preview(ActionResource(organisation=org_a), content.encode())
    assert report.is_valid, report
    assert [(r.number, r.kind, r.title) for r in report.rows] == [
        (2, "new", "Intranetpagina"),
        (3, "new", "Dag van de Mantelzorg"),
    ]
    assert Action.objects.count() == 0


def test_import_with_one_bad_row_writes_nothing_and_names_the_row(org_a, hr_client, make_action):
    existing = make_action(org_a, title="Bestaat al")
    content = (
        HEADER
        + "Goede rij;;bespreken;2025;gereed;;2025-03-01;;nee\n"
        + "Foute rij;;vierde pijler;twintig;klaar;31-02-2025;;;misschien\n"
        + "Nog een goede;;;2026;gepland;;;;\n"
    )
    response = hr_client.post(url("action_import", org_a), {"file": upload(content)})
    report = response.context["report"]
    assert not report.is_valid
    [bad] = report.error_rows
    assert bad.number == 3
    joined = " ".join(bad.errors)
    # Row-level messages name the column and the value, in Dutch.
    assert "pijler: “vierde pijler” is geen geldige waarde. Kies uit: bespreken" in joined
    assert "jaar: “twintig” is geen jaartal." in joined
    assert "status: “klaar” is geen geldige waarde" in joined
    assert "gepland_op: “31-02-2025” is geen datum" in joined
    assert "jaarlijks: “misschien” is geen ja of nee" in joined
    assert response.context["token"] is None
    assert list(Action.objects.all()) == [existing]


def test_confirmed_import_writes_every_row(org_a, hr_client):
    content = HEADER + "Posters;;bespreken;2025;gereed;;2025-03-01;Communicatie;nee\n"
    preview = hr_client.post(url("action_import", org_a), {"file": upload(content)})
    token = preview.context["token"]
    assert token and Action.objects.count() == 0
    response = hr_client.post(url("action_import", org_a), {"confirm": "1", "token": token})
    assert response.status_code == 302
    action = Action.objects.get()
    assert (action.organisation, action.title, action.pillar, action.status) == (
        org_a,
        "Posters",
        PillarKey.DISCUSS,
        ActionStatus.DONE,
    )
    assert action.completed_date == date(2025, 3, 1)


def test_a_tampered_token_imports_nothing(org_a, hr_client):
    response = hr_client.post(url("action_import", org_a), {"confirm": "1", "token": "x:y:z"})
    assert response.status_code == 302
    assert Action.objects.count() == 0


def test_import_updates_own_action_by_id(org_a, make_action):
    action = make_action(org_a, title="Oud")
    content = f"id,titel,jaar,status\n{action.pk},Nieuw,2025,bezig\n"
    report = import_commit(ActionResource(organisation=org_a), content.encode())
    assert report.is_valid and report.update_count == 1
    action.refresh_from_db()
    assert (action.title, action.status) == ("Nieuw", ActionStatus.IN_PROGRESS)


def test_import_cannot_reach_another_organisations_action_by_id(org_a, org_b, make_action):
    foreign = make_action(org_b, title="Van een ander")
    content = f"id,titel,jaar\n{foreign.pk},Overgenomen,2025\n"
    report = import_commit(ActionResource(organisation=org_a), content.encode())
    assert not report.is_valid
    assert (
        f"In deze organisatie is er geen rij met nummer {foreign.pk}." in report.rows[0].errors[0]
    )
    foreign.refresh_from_db()
    assert foreign.title == "Van een ander" and foreign.organisation == org_b
    assert not Action.objects.filter(organisation=org_a).exists()


def test_exported_file_imports_back_unchanged(org_a, make_action):
    make_action(
        org_a,
        title="=1+1",
        pillar=PillarKey.EMBED,
        recurs_yearly=True,
        planned_date=date(2025, 11, 10),
    )
    exported = export_bytes(ActionResource(organisation=org_a), "xlsx")
    report = import_commit(ActionResource(organisation=org_a), exported)
    assert report.is_valid and report.unchanged_count == 1
    action = Action.objects.get()
    assert (action.title, action.pillar, action.recurs_yearly) == ("=1+1", "borgen", True)


def test_xlsx_import_reads_date_cells(org_a):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["titel", "jaar", "status", "gereed_op"])
    sheet.append(["Lunchbijeenkomst", 2025, "gereed", date(2025, 11, 10)])
    buffer = io.BytesIO()
    book.save(buffer)
    report = import_commit(ActionResource(organisation=org_a), buffer.getvalue())
    assert report.is_valid, report
    assert Action.objects.get().completed_date == date(2025, 11, 10)


def test_a_file_that_is_neither_csv_nor_xlsx_is_refused(org_a, hr_client):
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    response = hr_client.post(url("action_import", org_a), {"file": upload(png, "acties.csv")})
    assert response.context["report"].file_errors == ["Het bestand is geen CSV- of XLSX-bestand."]
    assert Action.objects.count() == 0


def test_a_file_without_required_columns_is_refused(org_a):
    report = import_preview(ActionResource(organisation=org_a), b"naam,wanneer\nx,y\n")
    assert report.file_errors == ["Deze kolom(men) ontbreken in het bestand: titel, jaar."]


def test_a_file_over_the_size_limit_is_refused(org_a, hr_client, settings):
    settings.IMPORT_MAX_BYTES = 100
    content = HEADER + "x;;;2025;;;;;\n" * 10
    response = hr_client.post(url("action_import", org_a), {"file": upload(content)})
    assert "file" in response.context["form"].errors
    assert Action.objects.count() == 0


def test_manager_cannot_import(org_a, manager_client):
    content = HEADER + "Posters;;bespreken;2025;gereed;;;;\n"
    response = manager_client.post(url("action_import", org_a), {"file": upload(content)})
    assert response.status_code == 403
    assert Action.objects.count() == 0


# --- Re-importing, matching and labels ---------------------------------------------------------


def test_the_demo_plan_exported_and_imported_back_changes_nothing_and_says_so(db):
    from programme.management.commands.seed_demo import (
        seed_actions,
        seed_organisation,
        seed_recurring_actions,
    )

    org = seed_organisation()
    seed_actions(org)
    seed_recurring_actions(org)
    count = org.actions.count()
    assert count > 20
    before = sorted(org.actions.values_list("pk", "title", "updated_at"))
    for file_format in ("csv", "xlsx"):
        raw = export_bytes(ActionResource(organisation=org), file_format)
        report = import_commit(ActionResource(organisation=org), raw)
        assert report.is_valid, report.error_rows
        assert {row.kind for row in report.rows} == {"skip"}
        assert report.unchanged_count == count and not report.has_changes
    assert sorted(org.actions.values_list("pk", "title", "updated_at")) == before


def test_the_preview_of_an_unchanged_file_says_unchanged_and_offers_no_import(
    org_a, hr_client, make_action
):
    make_action(org_a, title="Posters")
    raw = export_bytes(ActionResource(organisation=org_a), "csv")
    response = hr_client.post(url("action_import", org_a), {"file": upload(raw)})
    page = response.content.decode()
    assert "<strong>ongewijzigd</strong>" in page and "<strong>gewijzigd</strong>" not in page
    assert "Het bestand verandert niets, dus er is niets te importeren." in page
    assert response.context["token"] is None


NEW_ROWS = (
    "titel;jaar;status;pijler;gepland_op\n"
    "Posters ophangen;2025;gepland;bespreken;10-11-2025\n"
    "Lunchlezing;2026;bezig;;\n"
)


def test_importing_the_same_file_twice_adds_nothing(org_a):
    first = import_commit(ActionResource(organisation=org_a), NEW_ROWS.encode())
    assert first.new_count == 2
    second = import_commit(ActionResource(organisation=org_a), NEW_ROWS.encode())
    assert second.is_valid and second.new_count == 0
    assert [row.kind for row in second.rows] == ["duplicate", "duplicate"]
    assert Action.objects.count() == 2


def test_a_row_matching_an_action_by_title_and_year_is_skipped_unless_update_is_chosen(
    org_a, make_action
):
    existing = make_action(org_a, title="Posters ophangen", year=2025)
    content = "titel;jaar;status\n  posters  OPHANGEN ;2025;Gereed\n"
    report = import_commit(ActionResource(organisation=org_a), content.encode())
    [row] = report.rows
    assert row.kind == "duplicate"
    # The preview says what the row would have changed.
    assert [(c.column, c.old, c.new) for c in row.changes] == [
        ("titel", "Posters ophangen", "posters  OPHANGEN"),
        ("status", "Gepland", "Gereed"),
    ]
    existing.refresh_from_db()
    assert existing.status == ActionStatus.PLANNED
    options = {"update_matching": True}
    report = import_commit(ActionResource(organisation=org_a, options=options), content.encode())
    assert [(row.kind, row.matched) for row in report.rows] == [("update", True)]
    existing.refresh_from_db()
    assert existing.status == ActionStatus.DONE
    assert Action.objects.count() == 1


def test_the_update_choice_travels_from_the_preview_to_the_import(org_a, hr_client, make_action):
    existing = make_action(org_a, title="Posters ophangen", year=2025)
    content = "titel;jaar;status\nPosters ophangen;2025;gereed\n"
    form = {"file": upload(content), "update_matching": "on"}
    preview = hr_client.post(url("action_import", org_a), form)
    page = preview.content.decode()
    assert "Gevonden op titel en jaar." in page
    assert "Gepland</span>" in page and "Gereed" in page
    token = preview.context["token"]
    hr_client.post(url("action_import", org_a), {"confirm": "1", "token": token})
    existing.refresh_from_db()
    assert existing.status == ActionStatus.DONE and Action.objects.count() == 1


def test_without_the_update_choice_the_page_flags_the_row_as_existing(
    org_a, hr_client, make_action
):
    make_action(org_a, title="Posters ophangen", year=2025)
    content = "titel;jaar;status\nPosters ophangen;2025;gepland\nNieuw;2025;gepland\n"
    preview = hr_client.post(url("action_import", org_a), {"file": upload(content)})
    assert "bestaat al: overgeslagen" in preview.content.decode()
    hr_client.post(url("action_import", org_a), {"confirm": "1", "token": preview.context["token"]})
    assert sorted(Action.objects.values_list("title", flat=True)) == ["Nieuw", "Posters ophangen"]


def test_matching_never_reaches_another_organisations_action(org_a, org_b, make_action):
    foreign = make_action(org_b, title="Posters ophangen", year=2025)
    content = "titel;jaar;status\nPosters ophangen;2025;gereed\n"
    options = {"update_matching": True}
    report = import_commit(ActionResource(organisation=org_a, options=options), content.encode())
    assert report.new_count == 1
    foreign.refresh_from_db()
    assert foreign.status == ActionStatus.PLANNED and foreign.organisation == org_b
    assert Action.objects.filter(organisation=org_a).count() == 1


def test_two_rows_with_one_title_and_year_are_a_row_error(org_a):
    content = "titel;jaar\nPosters;2025\nposters;2025\nPosters;2026\n"
    report = import_preview(ActionResource(organisation=org_a), content.encode())
    [bad] = report.error_rows
    assert bad.number == 3
    assert bad.errors == ["titel: Rij 2 heeft een actie met dezelfde titel en hetzelfde jaar."]


def test_two_rows_with_one_id_are_a_row_error(org_a, make_action):
    action = make_action(org_a)
    content = f"id;titel;jaar\n{action.pk};Een;2025\n{action.pk};Twee;2025\n"
    report = import_preview(ActionResource(organisation=org_a), content.encode())
    assert [row.errors for row in report.error_rows] == [["id: Dit id staat al in rij 2."]]


def test_the_preview_shows_the_values_a_new_row_read(org_a):
    report = import_preview(ActionResource(organisation=org_a), NEW_ROWS.encode())
    assert [(c.column, c.old, c.new) for c in report.rows[0].changes] == [
        ("titel", None, "Posters ophangen"),
        ("pijler", None, "Bespreken"),
        ("jaar", None, "2025"),
        ("status", None, "Gepland"),
        ("gepland_op", None, "10-11-2025"),
    ]


@pytest.mark.parametrize(
    "label, key",
    [
        ("Overig", ""),
        ("Geen pijler", ""),
        (" geen   PIJLER ", ""),
        ("No pillar", ""),
        ("Other", ""),
        ("Borgen", PillarKey.EMBED),
        ("bekwamen", PillarKey.EQUIP),
    ],
)
def test_every_pillar_label_the_app_shows_is_accepted(org_a, label, key):
    content = f"titel;jaar;pijler\nActie;2025;{label}\n"
    report = import_commit(ActionResource(organisation=org_a), content.encode())
    assert report.is_valid, report.error_rows
    assert Action.objects.get().pillar == key


@pytest.mark.parametrize(
    "label, key",
    [
        ("Afgerond", ActionStatus.DONE),
        ("Gereed", ActionStatus.DONE),
        ("Done", ActionStatus.DONE),
        (" done ", ActionStatus.DONE),
        ("Bezig", ActionStatus.IN_PROGRESS),
        ("In progress", ActionStatus.IN_PROGRESS),
        ("Planned", ActionStatus.PLANNED),
        ("Vervallen", ActionStatus.CANCELLED),
        ("Cancelled", ActionStatus.CANCELLED),
    ],
)
def test_every_status_label_is_accepted_in_both_languages(org_a, label, key):
    completed = "01-03-2025" if key == ActionStatus.DONE else ""
    content = f"titel;jaar;status;gereed_op\nActie;2025;{label};{completed}\n"
    report = import_commit(ActionResource(organisation=org_a), content.encode())
    assert report.is_valid, report.error_rows
    assert Action.objects.get().status == key


def test_a_pillar_is_still_required_to_be_one_of_them(org_a):
    content = "titel;jaar;pijler\nActie;2025;vijfde pijler\n"
    report = import_preview(ActionResource(organisation=org_a), content.encode())
    assert not report.is_valid
