"""The files of every import and export, read back as Dutch Excel and its users would.

CSV: semicolons, a byte-order mark, decimal commas, dd-mm-jjjj dates. XLSX: real dates and
numbers on a named sheet with a filter and a frozen header, the same bytes for the same rows.
Uploads: at most MAX_ROWS rows, no zip bomb, no character that XML cannot hold.
"""

import csv
import io
import zipfile
from datetime import date, datetime

import openpyxl
import pytest
from django.urls import reverse

from programme import transfer
from programme.models import Action, ActionStatus, PillarKey
from programme.resources import ActionResource
from programme.transfer import MAX_ROWS, export_bytes, import_commit, import_preview, read_upload
from tests.transfer_samples import csv_upload

TOO_MANY = (
    "Het bestand heeft meer dan 5.000 rijen. Verdeel het over bestanden van hoogstens 5.000 "
    "rijen en importeer ze een voor een."
)


def export_url(org, file_format: str, query: str = "") -> str:
    url = reverse("programme:action_export", kwargs={"slug": org.slug, "file_format": file_format})
    return f"{url}?{query}" if query else url


def read_csv(content: bytes) -> list[list[str]]:
    assert content.startswith("\ufeff".encode())  # Excel reads the file as UTF-8
    text = content.decode("utf-8")[1:]
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def xlsx_bytes(rows: list[list]) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def dated_action(org_a, make_action):
    return make_action(
        org_a,
        title="Dag van de Mantelzorg",
        description="Lunch; met taart",
        pillar=PillarKey.EMBED,
        year=2025,
        status=ActionStatus.DONE,
        planned_date=date(2025, 11, 10),
        completed_date=date(2025, 11, 10),
        recurs_yearly=True,
    )


# --- CSV for Dutch Excel -------------------------------------------------------------------------


def test_csv_export_uses_semicolons_a_bom_and_dutch_dates(hr_client, org_a, dated_action):
    rows = read_csv(hr_client.get(export_url(org_a, "csv")).content)
    header, row = rows
    record = dict(zip(header, row, strict=True))
    assert header[:3] == ["id", "titel", "omschrijving"]
    assert record["omschrijving"] == "Lunch; met taart"  # the semicolon quoted, not a column
    assert record["gepland_op"] == record["gereed_op"] == "10-11-2025"
    assert record["jaar"] == "2025" and record["id"] == str(dated_action.pk)
    assert record["pijler"] == "borgen" and record["jaarlijks"] == "ja"


def test_csv_numbers_have_a_decimal_comma():
    dataset = transfer.tablib.Dataset(headers=["aandeel", "aantal"])
    dataset.append([12.5, 3])
    assert read_csv(transfer.write_csv(dataset)) == [["aandeel", "aantal"], ["12,5", "3"]]


# --- XLSX with real values ------------------------------------------------------------------------


def test_xlsx_export_holds_real_dates_and_numbers_on_a_named_filtered_sheet(
    hr_client, org_a, dated_action
):
    content = hr_client.get(export_url(org_a, "xlsx")).content
    book = openpyxl.load_workbook(io.BytesIO(content))
    sheet = book.active
    assert sheet.title == "Actieplan"
    header = [cell.value for cell in sheet[1]]
    cells = {name: sheet.cell(row=2, column=i + 1) for i, name in enumerate(header)}
    assert isinstance(cells["gepland_op"].value, datetime)
    assert cells["gepland_op"].value.date() == date(2025, 11, 10)
    assert cells["gepland_op"].number_format == "dd-mm-yyyy"
    assert cells["jaar"].value == 2025 and cells["jaar"].data_type == "n"
    assert cells["id"].value == dated_action.pk and cells["id"].data_type == "n"
    assert sheet.auto_filter.ref == "A1:L2"
    assert sheet.freeze_panes == "A2"
    assert all(cell.font.bold for cell in sheet[1])
    widths = {letter: sheet.column_dimensions[letter].width for letter in "ABCDEFGHIJKL"}
    assert widths["B"] >= len("Dag van de Mantelzorg") and all(w >= 8 for w in widths.values())


def test_the_same_rows_give_the_same_xlsx_file(hr_client, org_a, dated_action):
    first = hr_client.get(export_url(org_a, "xlsx")).content
    second = hr_client.get(export_url(org_a, "xlsx")).content
    assert first == second
    archive = zipfile.ZipFile(io.BytesIO(first))
    assert {info.date_time for info in archive.infolist()} == {(2000, 1, 1, 0, 0, 0)}
    properties = openpyxl.load_workbook(io.BytesIO(first)).properties
    assert properties.created == properties.modified == datetime(2000, 1, 1)


def test_a_long_sheet_title_is_cut_to_what_excel_allows():
    dataset = transfer.tablib.Dataset(headers=["a"])
    content = transfer.write_xlsx(dataset, "Resultaten: een titel die veel te lang is / [x]")
    title = openpyxl.load_workbook(io.BytesIO(content)).active.title
    assert len(title) <= 31 and not set(title) & set("[]:*?/\\")


# --- The export follows the list ---------------------------------------------------------------


def test_export_holds_the_actions_the_filtered_list_shows(hr_client, org_a, make_action):
    make_action(org_a, title="Gedaan 2025", year=2025, status=ActionStatus.DONE)
    make_action(org_a, title="Gepland 2025", year=2025)
    make_action(org_a, title="Gedaan 2026", year=2026, status=ActionStatus.DONE)
    make_action(org_a, title="Geen pijler gedaan", year=2025, status=ActionStatus.DONE, pillar="")
    make_action(
        org_a, title="Borgen gedaan", year=2025, status=ActionStatus.DONE, pillar=PillarKey.EMBED
    )
    query = "year=2025&status=gereed&pillar=none"
    list_page = hr_client.get(
        reverse("programme:actions", kwargs={"slug": org_a.slug}) + "?" + query
    )
    # The list's export links carry its filters.
    assert export_url(org_a, "csv", query).replace("&", "&amp;") in list_page.content.decode()
    for file_format in ("csv", "xlsx"):
        content = hr_client.get(export_url(org_a, file_format, query)).content
        if file_format == "csv":
            titles = [row[1] for row in read_csv(content)[1:]]
        else:
            sheet = openpyxl.load_workbook(io.BytesIO(content)).active
            titles = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
        assert sorted(titles) == ["Gedaan 2025", "Geen pijler gedaan"]


def test_an_unfiltered_export_holds_every_action(hr_client, org_a, make_action):
    for year in (2024, 2025, 2026):
        make_action(org_a, title=f"Actie {year}", year=year)
    rows = read_csv(hr_client.get(export_url(org_a, "csv", "year=nonsense")).content)
    assert len(rows) == 4


# --- Characters XML cannot hold ---------------------------------------------------------------


def test_a_vertical_tab_in_a_title_exports_without_it(hr_client, org_a, make_action):
    # Word writes a soft line break as a vertical tab; openpyxl refuses it (it was a 500). The
    # rows are written past save(), as old data would be; PostgreSQL cannot hold NUL, so the
    # other character is an escape (0x1b), which XML cannot hold either.
    Action.objects.filter(pk=make_action(org_a, title="x").pk).update(
        title="Plan\x0bB", description="regel\x0cnieuwe pagina\x1b"
    )
    response = hr_client.get(export_url(org_a, "xlsx"))
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert [sheet["B2"].value, sheet["C2"].value] == ["Plan B", "regel nieuwe pagina"]
    [_header, row] = read_csv(hr_client.get(export_url(org_a, "csv")).content)
    assert row[1:3] == ["Plan B", "regel nieuwe pagina"]


def test_a_character_left_out_never_uncovers_a_formula():
    dataset = transfer.tablib.Dataset(headers=["titel"])
    dataset.append(["\x00=1+1"])
    sheet = openpyxl.load_workbook(io.BytesIO(transfer.write_xlsx(dataset, "x"))).active
    assert sheet["A2"].value == "'=1+1" and sheet["A2"].data_type == "s"
    assert read_csv(transfer.write_csv(dataset))[1] == ["'=1+1"]


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_an_import_leaves_out_characters_xml_cannot_hold(org_a, file_format):
    rows = [["titel", "omschrijving", "jaar"], ["Plan\x0bB", "a\x01b\x1fc", "2025"]]
    if file_format == "csv":
        raw = "\n".join(",".join(row) for row in rows).encode()
    else:
        raw = xlsx_bytes([["titel", "omschrijving", "jaar"], ["Plan", "abc", 2025]])
        raw = _with_vertical_tab(raw)
    report = import_commit(ActionResource(organisation=org_a), raw)
    assert report.is_valid, report
    action = Action.objects.get()
    assert action.title == "Plan B"
    if file_format == "csv":
        assert action.description == "abc"


def test_reading_a_file_leaves_out_characters_xml_cannot_hold():
    # Whatever the model does later: the rows the preview shows are clean already.
    csv_rows = read_upload(b"titel;jaar\nPlan\x0bB\x01;2025\n")
    xlsx_rows = read_upload(_with_vertical_tab(xlsx_bytes([["titel"], ["Plan"]])))
    assert csv_rows.dict[0]["titel"] == xlsx_rows.dict[0]["titel"] == "Plan B"


def _with_vertical_tab(raw: bytes) -> bytes:
    """openpyxl refuses to write a vertical tab; Excel writes it as the escape _x000B_."""
    source = zipfile.ZipFile(io.BytesIO(raw))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            data = data.replace(b">Plan<", b">Plan_x000B_B<")
            target.writestr(info, data)
    return out.getvalue()


# --- Too many rows, zip bombs and damaged files ------------------------------------------------


def test_an_import_of_more_than_5000_rows_is_refused_with_a_dutch_message(org_a, hr_client):
    content = "titel;jaar\n" + "Actie;2025\n" * (MAX_ROWS + 1)
    url = reverse("programme:action_import", kwargs={"slug": org_a.slug})
    response = hr_client.post(url, {"file": csv_upload(content, "acties.csv")})
    assert response.status_code == 200
    assert response.context["report"].file_errors == [TOO_MANY]
    assert TOO_MANY in response.content.decode()
    assert Action.objects.count() == 0


def test_an_xlsx_of_more_than_5000_rows_is_refused(org_a):
    raw = xlsx_bytes([["titel", "jaar"]] + [["Actie", 2025]] * (MAX_ROWS + 1))
    assert import_preview(ActionResource(organisation=org_a), raw).file_errors == [TOO_MANY]


def test_exactly_the_limit_is_read_and_one_more_is_not(monkeypatch):
    monkeypatch.setattr(transfer, "MAX_ROWS", 3)
    assert len(read_upload(b"titel;jaar\n" + b"a;2025\n" * 3)) == 3
    with pytest.raises(transfer.TransferError):
        read_upload(b"titel;jaar\n" + b"a;2025\n" * 4)
    # Empty rows do not count.
    assert len(read_upload(b"titel;jaar\n" + b"a;2025\n;\n" * 3)) == 3


def zip_bomb() -> bytes:
    """A valid workbook with one part that unpacks to 40 MB (about 40 KB packed)."""
    raw = xlsx_bytes([["titel", "jaar"], ["Actie", 2025]])
    source = zipfile.ZipFile(io.BytesIO(raw))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<sheetData>", b"<sheetData>" + b" " * 40_000_000)
            target.writestr(info, data)
    return out.getvalue()


def test_a_zip_bomb_xlsx_is_refused_before_it_is_unpacked(org_a, hr_client):
    raw = zip_bomb()
    assert len(raw) < 200_000
    url = reverse("programme:action_import", kwargs={"slug": org_a.slug})
    response = hr_client.post(url, {"file": csv_upload(raw, "acties.xlsx")})
    assert response.status_code == 200
    [error] = response.context["report"].file_errors
    assert error.startswith("Uitgepakt is het XLSX-bestand groter dan 25,0")
    assert Action.objects.count() == 0


def test_an_xlsx_just_under_the_limit_is_read(org_a, monkeypatch):
    monkeypatch.setattr(transfer, "MAX_UNPACKED_BYTES", 41_000_000)
    assert import_preview(ActionResource(organisation=org_a), zip_bomb()).is_valid


@pytest.mark.parametrize(
    "raw, message",
    [
        (b"PK\x03\x04" + b"\x00" * 40, "Het bestand is geen CSV- of XLSX-bestand."),
        (xlsx_bytes([["titel"]])[:300], "Het bestand is geen CSV- of XLSX-bestand."),
        ("damaged", "Het XLSX-bestand is niet te lezen."),
        (
            b'titel;jaar\n"open quote;2025\n' + b"x" * 200_000,
            "Het CSV-bestand is niet te lezen.",
        ),
    ],
)
def test_a_damaged_file_gets_a_clear_error_not_a_500(org_a, hr_client, raw, message):
    if raw == "damaged":
        raw = _damaged_workbook()
    url = reverse("programme:action_import", kwargs={"slug": org_a.slug})
    response = hr_client.post(url, {"file": csv_upload(raw, "acties.xlsx")})
    assert response.status_code == 200
    assert response.context["report"].file_errors == [message]


def _damaged_workbook() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types")
        archive.writestr("xl/workbook.xml", "not xml at all")
    return out.getvalue()


def test_an_exported_file_reads_back_as_the_same_rows(org_a, dated_action):
    for file_format in ("csv", "xlsx"):
        dataset = read_upload(export_bytes(ActionResource(organisation=org_a), file_format))
        record = dataset.dict[0]
        assert record["titel"] == "Dag van de Mantelzorg"
        planned = record["gepland_op"]
        assert planned in ("10-11-2025", datetime(2025, 11, 10))
