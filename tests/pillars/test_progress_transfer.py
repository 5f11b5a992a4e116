"""Import and export of pillar progress: preview, row errors, all-or-nothing, escaped cells."""

import csv
import io
from datetime import date

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from pillars import services
from pillars.models import ChecklistItem, ItemProgress, Pillar, ProgressChange, ProgressStatus
from pillars.resources import ProgressResource
from programme.models import ContactPerson
from programme.transfer import import_commit, import_preview
from tests.transfer_samples import PAYLOADS, csv_upload

TODAY = date(2026, 3, 2)


def url(name, org, **kwargs):
    return reverse(f"pillars:{name}", kwargs={"slug": org.slug, **kwargs})


def upload(content: str | bytes, name="voortgang.csv"):
    return csv_upload(content, name)


def resource(org, by=None):
    return ProgressResource(organisation=org, by=by, today=TODAY)


def update(org, item, by, **fields):
    return services.progress_update(organisation=org, item=item, by=by, fields=fields, today=TODAY)


def csv_rows(response) -> list[dict]:
    return list(
        csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"), newline=""), delimiter=";")
    )


def own_item(org, text="Mantelzorglunch met de directie", key="borgen") -> ChecklistItem:
    return services.item_add_own(
        organisation=org,
        pillar=Pillar.objects.get(key=key),
        text=text,
        guidance="",
        counts_for_recognition=False,
    )


@pytest.fixture
def standard_items(db) -> list[ChecklistItem]:
    return list(ChecklistItem.objects.filter(organisation__isnull=True))


@pytest.fixture
def item(standard_items) -> ChecklistItem:
    """A plain standard item: not a yearly moment."""
    return next(i for i in standard_items if not i.recurs_yearly)


@pytest.fixture
def carers_day(standard_items) -> ChecklistItem:
    """The yearly moment on a fixed day: the national carers' day, 10 November."""
    return next(i for i in standard_items if i.recurrence_month == 11)


# --- Export --------------------------------------------------------------------------------------


def test_export_holds_every_visible_item_with_untouched_ones_open(
    org_a, hr_client, standard_items, item
):
    mine = own_item(org_a)
    update(org_a, item, None, status=ProgressStatus.IN_PROGRESS)
    rows = csv_rows(hr_client.get(url("export", org_a, file_format="csv")))
    # In the order of the worksheets: by pillar, then by the items' order.
    assert [int(r["punt_id"]) for r in rows] == list(
        ChecklistItem.objects.filter(pk__in=[i.pk for i in [*standard_items, mine]]).values_list(
            "pk", flat=True
        )
    )
    by_id = {int(r["punt_id"]): r for r in rows}
    assert by_id[item.pk]["status"] == "bezig"
    assert (by_id[mine.pk]["pijler"], by_id[mine.pk]["punt"], by_id[mine.pk]["status"]) == (
        "borgen",
        "Mantelzorglunch met de directie",
        "open",
    )
    assert {r["status"] for pk, r in by_id.items() if pk != item.pk} == {"open"}


def test_export_excludes_other_organisations_items_and_progress(
    org_a, org_b, hr_client, item, standard_items
):
    foreign = own_item(org_b, text="Eigen punt van Beekdal")
    update(org_b, item, None, status=ProgressStatus.DONE, notes="Notitie van Beekdal")
    response = hr_client.get(url("export", org_a, file_format="csv"))
    content = response.content.decode("utf-8-sig")
    assert "Eigen punt van Beekdal" not in content and "Notitie van Beekdal" not in content
    rows = csv_rows(response)
    assert str(foreign.pk) not in {r["punt_id"] for r in rows}
    assert len(rows) == len(standard_items)
    [row] = [r for r in rows if r["punt_id"] == str(item.pk)]
    assert (row["status"], row["gereed_op"], row["notities"]) == ("open", "", "")


@pytest.mark.parametrize("payload", PAYLOADS)
def test_csv_export_escapes_cells_that_start_a_formula(org_a, hr_client, item, payload):
    contact = ContactPerson.objects.create(organisation=org_a, name=payload)
    update(
        org_a, item, None, notes=payload, evidence_text="gewone tekst", responsible_contact=contact
    )
    rows = csv_rows(hr_client.get(url("export", org_a, file_format="csv")))
    [row] = [r for r in rows if r["punt_id"] == str(item.pk)]
    assert row["notities"] == "'" + payload
    assert row["verantwoordelijke"] == "'" + payload
    assert row["bewijs"] == "gewone tekst"


@pytest.mark.parametrize("payload", PAYLOADS)
def test_xlsx_export_holds_the_payload_as_text_not_as_formula(org_a, hr_client, item, payload):
    update(org_a, item, None, evidence_text=payload)
    response = hr_client.get(url("export", org_a, file_format="xlsx"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    headers = [cell.value for cell in sheet[1]]
    [row] = [r for r in sheet.iter_rows(min_row=2) if str(r[0].value) == str(item.pk)]
    cell = row[headers.index("bewijs")]
    assert cell.data_type == "s"
    # openpyxl writes through lxml (installed with python-docx), which keeps a carriage
    # return as &#13;: the payload comes back whole, behind its leading apostrophe.
    assert cell.value == "'" + payload


def test_export_of_an_unknown_format_is_404(org_a, hr_client):
    assert hr_client.get(url("export", org_a, file_format="json")).status_code == 404


def test_manager_may_export(org_a, manager_client):
    response = manager_client.get(url("export", org_a, file_format="xlsx"))
    assert response.status_code == 200
    assert 'filename="voortgang-gemeente-aland-' in response["Content-Disposition"]


def test_overview_offers_import_to_hr_and_export_to_every_member(org_a, hr_client, manager_client):
    import_url = url("import", org_a)
    hr_page = hr_client.get(url("overview", org_a)).content.decode()
    manager_page = manager_client.get(url("overview", org_a)).content.decode()
    assert import_url in hr_page and import_url not in manager_page
    for page in (hr_page, manager_page):
        assert url("export", org_a, file_format="xlsx") in page
        assert url("export", org_a, file_format="csv") in page


# --- Import --------------------------------------------------------------------------------------


def test_preview_reports_rows_and_writes_nothing(org_a, hr_a, item):
    content = (
        "punt_id,status,notities,verantwoordelijke\n"
        f"{item.pk},gereed,Intranetpagina staat online,hr@aland.example\n"
    )
    report = import_preview(resource(org_a, hr_a), content.encode())
    assert report.is_valid, report
    # The preview names the item even when the file leaves out the punt column.
    assert [(r.number, r.kind, r.title) for r in report.rows] == [(2, "new", item.text)]
    assert not ItemProgress.objects.exists()
    assert not ProgressChange.objects.exists()


def test_import_with_one_bad_row_writes_nothing_and_names_the_row_and_column(
    org_a, hr_client, standard_items
):
    first, second, third = standard_items[:3]
    content = (
        "punt_id;status;verantwoordelijke;deadline;notities\n"
        f"{first.pk};gereed;;;Goede rij\n"
        f"{second.pk};klaar;onbekend@elders.example;31-02-2026;Foute rij\n"
        f"{third.pk};bezig;;2026-06-01;Nog een goede\n"
    )
    response = hr_client.post(url("import", org_a), {"file": upload(content)})
    report = response.context["report"]
    assert not report.is_valid
    [bad] = report.error_rows
    assert bad.number == 3
    errors = {e.split(": ", 1)[0]: e.split(": ", 1)[1] for e in bad.errors}
    assert set(errors) == {"status", "verantwoordelijke", "deadline"}
    assert "klaar" in errors["status"]
    assert "onbekend@elders.example" in errors["verantwoordelijke"]
    assert "31-02-2026" in errors["deadline"]
    # The shared widgets' messages are in the Dutch catalogue already.
    assert "is geen datum" in errors["deadline"]
    assert response.context["token"] is None
    assert not ItemProgress.objects.exists()
    assert not ProgressChange.objects.exists()


def test_confirmed_import_updates_progress_and_records_history_by_the_importer(
    org_a, hr_a, manager_a, hr_client, standard_items
):
    first, second = standard_items[:2]
    ContactPerson.objects.create(organisation=org_a, name="Anna de Vries")
    update(org_a, second, None, notes="Oude notitie")
    content = (
        "punt_id,status,verantwoordelijke,notities,bewijs_link\n"
        f"{first.pk},Done,MANAGER@aland.example,,https://intranet.example/mantelzorg\n"
        f"{second.pk},bezig,anna de vries,Nieuwe notitie,\n"
    )
    preview = hr_client.post(url("import", org_a), {"file": upload(content)})
    token = preview.context["token"]
    assert token and ProgressChange.objects.count() == 1
    response = hr_client.post(url("import", org_a), {"confirm": "1", "token": token})
    assert response.status_code == 302
    assert response["Location"] == url("overview", org_a)

    done = ItemProgress.objects.get(organisation=org_a, item=first)
    assert done.status == ProgressStatus.DONE
    assert done.completed_date == timezone.localdate()  # the service's default
    assert done.responsible_member == manager_a.memberships.get()
    assert done.evidence_url == "https://intranet.example/mantelzorg"
    busy = ItemProgress.objects.get(organisation=org_a, item=second)
    assert (busy.status, busy.notes, busy.responsible_contact.name) == (
        ProgressStatus.IN_PROGRESS,
        "Nieuwe notitie",
        "Anna de Vries",
    )
    changes = ProgressChange.objects.filter(changed_by=hr_a)
    assert {c.progress for c in changes} == {done, busy}
    [busy_change] = busy.changes.filter(changed_by=hr_a)
    assert {(c["field"], c["old"], c["new"]) for c in busy_change.changes} == {
        ("status", "open", "bezig"),
        ("notes", "Oude notitie", "Nieuwe notitie"),
        ("responsible_contact", "", "Anna de Vries"),
    }


def test_a_completed_yearly_moment_rolls_over_as_on_the_item_page(org_a, hr_a, carers_day):
    content = f"punt_id,status,deadline\n{carers_day.pk},gereed,2026-11-10\n"
    report = import_commit(resource(org_a, hr_a), content.encode())
    assert report.is_valid, report
    progress = ItemProgress.objects.get(item=carers_day)
    assert progress.completed_date == TODAY
    assert progress.due_date == date(2027, 11, 10)


def test_exported_file_imports_back_unchanged(org_a, hr_a, manager_a, standard_items, carers_day):
    first, second = [i for i in standard_items if not i.recurs_yearly][:2]
    contact = ContactPerson.objects.create(organisation=org_a, name="Anna de Vries")
    mine = own_item(org_a)
    update(
        org_a,
        first,
        hr_a,
        status=ProgressStatus.DONE,
        completed_date=date(2025, 11, 10),
        responsible_member=manager_a.memberships.get(),
        evidence_text='=HYPERLINK("http://evil.example")',
        notes="-2+3",
    )
    update(org_a, second, hr_a, status=ProgressStatus.NOT_APPLICABLE, not_applicable_reason="@nvt")
    update(org_a, carers_day, hr_a, status=ProgressStatus.DONE, responsible_contact=contact)
    update(org_a, mine, hr_a, status=ProgressStatus.IN_PROGRESS, due_date=date(2026, 6, 1))

    def state():
        return sorted(
            ItemProgress.objects.values_list(
                "item", *[f"{name}" for name in services.TRACKED_FIELDS], "updated_at"
            )
        )

    before, changes = state(), ProgressChange.objects.count()
    for file_format in ("xlsx", "csv"):
        exported = resource(org_a).export().export(file_format)
        raw = exported if isinstance(exported, bytes) else exported.encode()
        report = import_commit(resource(org_a, hr_a), raw)
        assert report.is_valid, report.error_rows
        assert report.new_count == report.update_count == 0
        assert report.unchanged_count == len(standard_items) + 1
    assert state() == before
    assert ProgressChange.objects.count() == changes


def test_import_matches_an_item_by_pillar_and_text_when_punt_id_is_empty(org_a, hr_a, item):
    content = f"punt_id;pijler;punt;status\n;{item.pillar.get_key_display()};{item.text};bezig\n"
    report = import_commit(resource(org_a, hr_a), content.encode())
    assert report.is_valid, report
    assert ItemProgress.objects.get().item == item


def test_import_never_creates_an_item(org_a, hr_a):
    items = ChecklistItem.objects.count()
    content = "pijler;punt;status\nborgen;Een punt dat niet bestaat;bezig\n"
    report = import_commit(resource(org_a, hr_a), content.encode())
    [row] = report.error_rows
    assert row.errors[0].startswith("punt: ") and "Een punt dat niet bestaat" in row.errors[0]
    assert ChecklistItem.objects.count() == items
    assert not ItemProgress.objects.exists()


def test_import_cannot_reach_another_organisations_item_by_its_number(org_a, org_b, hr_a):
    foreign = own_item(org_b, text="Eigen punt van Beekdal")
    content = f"punt_id,status,notities\n{foreign.pk},gereed,Overgenomen\n"
    report = import_commit(resource(org_a, hr_a), content.encode())
    [row] = report.error_rows
    assert row.number == 2
    assert row.errors[0].startswith("punt_id: ") and str(foreign.pk) in row.errors[0]
    assert not ItemProgress.objects.exists()


def test_import_refuses_a_responsible_who_is_not_a_member(org_a, hr_a, hr_b, item):
    content = f"punt_id,verantwoordelijke\n{item.pk},{hr_b.email}\n"
    report = import_commit(resource(org_a, hr_a), content.encode())
    [row] = report.error_rows
    assert row.errors[0].startswith("verantwoordelijke: ") and hr_b.email in row.errors[0]
    assert not ItemProgress.objects.exists()


def test_not_applicable_without_a_reason_is_a_row_error(org_a, hr_a, item):
    content = f"punt_id,status,reden_nvt\n{item.pk},nvt,\n"
    report = import_commit(resource(org_a, hr_a), content.encode())
    [row] = report.error_rows
    assert row.errors[0].startswith("reden_nvt: ") and len(row.errors[0]) > len("reden_nvt: ")
    assert not ItemProgress.objects.exists()


def test_an_item_twice_in_one_file_is_a_row_error(org_a, hr_a, item):
    content = f"punt_id,status\n{item.pk},bezig\n{item.pk},gereed\n"
    report = import_commit(resource(org_a, hr_a), content.encode())
    [row] = report.error_rows
    assert row.number == 3 and row.errors[0].startswith("punt_id: ") and "2" in row.errors[0]
    assert not ItemProgress.objects.exists()


def test_an_xlsx_file_is_recognised_by_its_content_not_its_name(org_a, hr_client, item):
    book = openpyxl.Workbook()
    book.active.append(["punt_id", "status", "gereed_op"])
    book.active.append([item.pk, "gereed", date(2025, 11, 10)])
    buffer = io.BytesIO()
    book.save(buffer)
    response = hr_client.post(
        url("import", org_a), {"file": upload(buffer.getvalue(), "voortgang.csv")}
    )
    assert response.context["report"].is_valid, response.context["report"]


def test_a_file_that_is_neither_csv_nor_xlsx_is_refused(org_a, hr_client):
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    response = hr_client.post(url("import", org_a), {"file": upload(png, "voortgang.xlsx")})
    assert response.context["report"].file_errors == ["Het bestand is geen CSV- of XLSX-bestand."]
    assert not ItemProgress.objects.exists()


def test_a_file_over_the_size_limit_is_refused(org_a, hr_client, settings, item):
    settings.IMPORT_MAX_BYTES = 100
    content = "punt_id,status,notities\n" + f"{item.pk},bezig,{'x' * 200}\n"
    response = hr_client.post(url("import", org_a), {"file": upload(content)})
    assert "file" in response.context["form"].errors
    assert response.context["report"] is None
    assert not ItemProgress.objects.exists()


def test_a_tampered_token_imports_nothing(org_a, hr_client):
    response = hr_client.post(url("import", org_a), {"confirm": "1", "token": "x:y:z"})
    assert response.status_code == 302
    assert not ItemProgress.objects.exists()


def test_manager_cannot_import(org_a, manager_client, item):
    content = f"punt_id,status\n{item.pk},gereed\n"
    response = manager_client.post(url("import", org_a), {"file": upload(content)})
    assert response.status_code == 403
    assert manager_client.get(url("import", org_a)).status_code == 403
    assert not ItemProgress.objects.exists()


# --- Dutch Excel, labels and the preview's changes --------------------------------------------


def test_xlsx_export_has_real_dates_and_numbers_on_the_sheet_voortgang(
    org_a, hr_a, hr_client, item
):
    update(org_a, item, hr_a, status=ProgressStatus.IN_PROGRESS, due_date=date(2026, 6, 1))
    response = hr_client.get(url("export", org_a, file_format="xlsx"))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet.title == "Voortgang" and sheet.auto_filter.ref.startswith("A1:")
    header = [cell.value for cell in sheet[1]]
    [row] = [r for r in sheet.iter_rows(min_row=2, values_only=True) if r[0] == item.pk]
    record = dict(zip(header, row, strict=True))
    assert record["deadline"].date() == date(2026, 6, 1)
    assert isinstance(record["punt_id"], int)


def test_csv_export_writes_dates_the_dutch_way(org_a, hr_a, hr_client, item):
    update(org_a, item, hr_a, status=ProgressStatus.IN_PROGRESS, due_date=date(2026, 6, 1))
    rows = csv_rows(hr_client.get(url("export", org_a, file_format="csv")))
    [row] = [r for r in rows if r["punt_id"] == str(item.pk)]
    assert row["deadline"] == "01-06-2026"


@pytest.mark.parametrize(
    "label, key",
    [
        ("Afgerond", ProgressStatus.DONE),
        ("Gereed", ProgressStatus.DONE),
        ("Done", ProgressStatus.DONE),
        ("Niet van toepassing", ProgressStatus.NOT_APPLICABLE),
        ("n.v.t.", ProgressStatus.NOT_APPLICABLE),
        ("Not applicable", ProgressStatus.NOT_APPLICABLE),
        (" in PROGRESS ", ProgressStatus.IN_PROGRESS),
    ],
)
def test_every_status_label_is_accepted_in_both_languages(org_a, hr_a, item, label, key):
    content = f"punt_id;status;reden_nvt\n{item.pk};{label};Geen mantelzorgers\n"
    report = import_commit(resource(org_a, hr_a), content.encode())
    assert report.is_valid, report.error_rows
    assert ItemProgress.objects.get(item=item).status == key


def test_the_preview_shows_each_change_as_old_and_new(org_a, hr_a, item):
    update(org_a, item, hr_a, status=ProgressStatus.IN_PROGRESS, notes="Gestart")
    content = f"punt_id;status;notities;deadline\n{item.pk};gereed;Gestart;10-11-2026\n"
    [row] = import_preview(resource(org_a, hr_a), content.encode()).rows
    assert row.kind == "update"
    assert [(c.column, c.old, c.new) for c in row.changes] == [
        ("status", "Bezig", "Gereed"),
        ("deadline", "", "10-11-2026"),
    ]


def test_an_item_without_progress_shows_its_change_from_open(org_a, hr_a, item):
    content = f"punt_id;status\n{item.pk};bezig\n"
    [row] = import_preview(resource(org_a, hr_a), content.encode()).rows
    assert [(c.column, c.old, c.new) for c in row.changes] == [("status", "Open", "Bezig")]
