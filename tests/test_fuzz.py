"""Fuzz every form of the application: bad input gets an answer below 500 and stores no garbage.

The forms are found, not listed: an HR advisor opens every URL of the URLconf (with the samples
of tests/test_url_walker.py) and every form on those pages is read from its HTML: its action, its
method and its fields with their kinds and options. Hypothesis then sends each form generated
values for its fields: long texts, control characters, spreadsheet formulas, HTML, huge and
malformed numbers, dates out of range, ids out of range, bytes that are not UTF-8, image bombs and
zip bombs as uploads. A confirmation step that a post leads to (an import's preview) is sent on as
it is, so that imports store what they read. The monitor's respondent pages are walked through an
open campaign as an employee would. At the end no text column of any model of the project holds a
character XML cannot hold.

Each form gets FUZZ_EXAMPLES examples (20 by default, FUZZ_EXAMPLES in the environment to change
it), so the whole run stays within a minute or two.
"""

import csv
import io
import os
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from datetime import timedelta
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import resolve, reverse
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from PIL import Image

from monitor.models import TextAnswer
from programme.text import has_xml_illegal
from programme.validation import PROJECT_APPS, text_field_names
from tests.conftest import client_for
from tests.monitor.conftest import close, make_campaign
from tests.test_url_walker import ROUTES, url_for, world  # noqa: F401 (world is a fixture)

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "20"))

# Pages whose forms end the session or are Django's own (the admin is staff-only and Django's).
SKIPPED_ACTIONS = {reverse("account_logout")}


# --- Reading forms from HTML ---------------------------------------------------------------------


@dataclass
class FormField:
    name: str
    kind: str  # text, textarea, number, date, email, url, select, radio, checkbox, file, hidden
    value: str = ""
    options: list[str] = field(default_factory=list)
    multiple: bool = False


@dataclass
class Form:
    page: str
    action: str
    method: str
    multipart: bool
    fields: dict[str, FormField] = field(default_factory=dict)


class FormParser(HTMLParser):
    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.forms: list[Form] = []
        self.form: Form | None = None
        self.select: FormField | None = None
        self.textarea: FormField | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            action = urljoin(self.page, a.get("action") or self.page)
            self.form = Form(
                page=self.page,
                action=action,
                method=(a.get("method") or "get").lower(),
                multipart="multipart" in a.get("enctype", ""),
            )
            self.forms.append(self.form)
        if self.form is None or not a.get("name") and tag != "option":
            return
        name = a.get("name", "")
        fields = self.form.fields
        if tag == "input":
            kind = a.get("type", "text").lower()
            if kind in ("submit", "button", "reset", "image"):
                if name:
                    fields.setdefault(name, FormField(name, "hidden", a.get("value", "")))
                return
            if kind in ("checkbox", "radio"):
                existing = fields.get(name)
                if existing is None:
                    existing = fields[name] = FormField(name, kind, multiple=kind == "checkbox")
                existing.options.append(a.get("value", "on"))
                if "checked" in a:
                    existing.value = a.get("value", "on")
                return
            fields[name] = FormField(name, kind, a.get("value", ""))
        elif tag == "textarea":
            self.textarea = fields[name] = FormField(name, "textarea")
        elif tag == "select":
            self.select = fields[name] = FormField(name, "select", multiple="multiple" in a)
        elif tag == "option" and self.select is not None:
            self.select.options.append(a.get("value", ""))
            if "selected" in a:
                self.select.value = a.get("value", "")

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea.value += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None


def forms_in(page: str, html: str) -> list[Form]:
    parser = FormParser(page)
    parser.feed(html)
    return [f for f in parser.forms if urlsplit(f.action).path not in SKIPPED_ACTIONS]


# --- Nasty values --------------------------------------------------------------------------------

TOO_LARGE = "99999999999999999999"

NASTY_TEXT = [
    "",
    " ",
    "x" * 5000,
    "Lange tekst " * 2000,
    '=HYPERLINK("https://example.org/steel","Klik hier")',
    "=1+1",
    "+SUM(A1:A9)",
    "-2+3",
    "@SUM(1)",
    "\t=cmd|' /C calc'!A0",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "Regel 1\x0bRegel 2\x0cpagina\x00nul\x01\x1b[31m",
    "\ufffe\uffff\x7f\x85",
    "Ω≈ç√ 𝕳𝖊𝖑𝖑𝖔 🎉 ﷺ \u202eomgekeerd",
    "adviſor@example.org",
    "' OR 1=1 --",
    "%s %(name)s {0} {{ x }}",
    "../../etc/passwd",
    "\r\n" * 40,
    TOO_LARGE,
    "-" + TOO_LARGE,
    "1e308",
    "NaN",
    "99999-01-01",
]

NASTY_NUMBERS = [TOO_LARGE, "-" + TOO_LARGE, "0", "-1", "1e5", "3,5", "1.5", "NaN", "inf", "١٢", ""]
NASTY_DATES = [
    "99999-01-01",
    "0000-00-00",
    "2025-02-30",
    "0001-01-01",
    "9999-12-31",
    "31-12-2025",
    "gisteren",
    "",
]
NASTY_CHOICES = [TOO_LARGE, "-" + TOO_LARGE, "-1", "0", "", "<script>", "x" * 300, "1.5"]


def _chunk(kind: bytes, data: bytes) -> bytes:
    crc = struct.pack(">I", zlib.crc32(kind + data))
    return struct.pack(">I", len(data)) + kind + data + crc


def png_bomb() -> bytes:
    """A PNG of a few dozen bytes that declares 10 gigapixels."""
    header = struct.pack(">IIBBBBB", 100_000, 100_000, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(b""))
        + _chunk(b"IEND", b"")
    )


def png(size=(1600, 900)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "teal").save(buffer, format="PNG")
    return buffer.getvalue()


def xlsx_bomb() -> bytes:
    """An XLSX whose one sheet unpacks to 200 MB (a 200 KB file)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            chunk = b" " * (1024 * 1024)
            for _ in range(200):
                sheet.write(chunk)
    return buffer.getvalue()


def xlsx_lying_about_its_size(bomb: bytes) -> bytes:
    """The bomb, with its directory saying the sheet is small while it unpacks to much more."""
    data = bytearray(bomb)
    marker = b"xl/worksheets/sheet1.xml"
    # Patch the declared uncompressed size (central directory and local header) to 1 KB.
    for header, offset in ((b"PK\x01\x02", 24), (b"PK\x03\x04", 22)):
        start = 0
        while (i := data.find(header, start)) != -1:
            name_at = i + (46 if header == b"PK\x01\x02" else 30)
            if data[name_at : name_at + len(marker)] == marker:
                data[i + offset : i + offset + 4] = struct.pack("<I", 1024)
            start = i + 4
    return bytes(data)


def xlsx_with(rows: list[list]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def with_character_reference(xlsx: bytes, placeholder: str, reference: str) -> bytes:
    """The workbook with a placeholder replaced in its XML, by a character reference that
    openpyxl would never write (&#11;, a vertical tab, which XML 1.0 does not allow)."""
    source = zipfile.ZipFile(io.BytesIO(xlsx))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            data = source.read(member)
            if member.filename.endswith(".xml"):
                data = data.replace(placeholder.encode(), reference.encode())
            target.writestr(member, data)
    return buffer.getvalue()


NASTY_CELLS = [
    '=HYPERLINK("https://example.org","klik")',
    "Titel VERTICAL-TAB met verticale tab",
    "<b>vet</b>",
    TOO_LARGE,
    "99999-01-01",
    "x" * 3000,
]


def csv_with(encoding: str, separator: str = ";") -> bytes:
    header = separator.join(["id", "titel", "jaar", "status", "pijler", "omschrijving"])
    rows = [
        separator.join(["", "Lunch\x0bmet collega’s", "2025", "gepland", "borgen", "=1+1"]),
        separator.join([TOO_LARGE, "Één", "99999", "Afgerond", "Overig", "<script>"]),
        separator.join(["", '=HYPERLINK("x")', "-1", "??", "", "ſ"]),
    ]
    return "\n".join([header, *rows]).encode(encoding, errors="replace")


def uploads() -> dict[str, bytes]:
    cells = xlsx_with(
        [["id", "titel", "jaar", "status", "pijler"], *[[c, c, c, c, c] for c in NASTY_CELLS]]
    )
    bomb = xlsx_bomb()
    return {
        "bom.png": png_bomb(),
        "groot.png": png(),
        "bom.xlsx": bomb,
        "liegt.xlsx": xlsx_lying_about_its_size(bomb),
        "cellen.xlsx": cells,
        "tab.xlsx": with_character_reference(cells, "VERTICAL-TAB", "&#11;"),
        "tab-escaped.xlsx": with_character_reference(cells, "VERTICAL-TAB", "_x000B_"),
        "utf8.csv": csv_with("utf-8"),
        "latin1.csv": csv_with("latin-1"),
        "utf16.csv": csv_with("utf-16"),
        "komma.csv": csv_with("utf-8", ","),
        "leeg.csv": b"",
        "ruis.bin": bytes(range(256)) * 8,
        "verslag.pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
        "kapot.docx": b"PK\x03\x04 geen zip",
    }


UPLOADS: dict[str, bytes] = {}

# Text columns of the exports that an import reads back; the fuzz adds garbage to them.
EXPORT_TEXT_COLUMNS = {"titel", "omschrijving", "eigenaar", "externe_partner", "bewijs", "notities"}


def spoiled_export(client, url: str) -> bytes:
    """The page's own CSV export, valid, with garbage added to its text columns: an import of it
    reaches the confirmation and stores what it read."""
    response = client.get(url)
    assert response.status_code == 200, url
    text = response.content.decode("utf-8-sig")
    delimiter = ";" if ";" in text.splitlines()[0] else ","
    rows = list(csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter))
    assert rows, url
    for row in rows:
        for column in EXPORT_TEXT_COLUMNS & set(row):
            row[column] = f'{row[column]}\x0b=HYPERLINK("x")<b>\x01'.strip()
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), delimiter=delimiter)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def strategy_for(form_field: FormField):
    initial = st.just(form_field.value)
    text = st.one_of(initial, st.sampled_from(NASTY_TEXT), st.text(max_size=200))
    kind = form_field.kind
    if kind in ("checkbox", "radio") or kind == "select":
        choices = st.sampled_from(form_field.options + NASTY_CHOICES)
        if form_field.multiple:
            return st.lists(choices, max_size=4)
        if kind == "checkbox":
            return st.one_of(st.none(), choices)
        return st.one_of(initial, choices)
    if kind == "number":
        return st.one_of(initial, st.sampled_from(NASTY_NUMBERS), st.integers().map(str), text)
    if kind in ("date", "datetime-local", "month"):
        return st.one_of(
            initial, st.sampled_from(NASTY_DATES), st.dates().map(lambda d: d.isoformat()), text
        )
    if kind == "file":
        return st.one_of(st.none(), st.sampled_from(sorted(UPLOADS)))
    if kind == "hidden":
        return st.one_of(initial, initial, text)
    return text


def payload_strategy(form: Form):
    return st.fixed_dictionaries({name: strategy_for(f) for name, f in form.fields.items()})


def build_data(form: Form, values: dict) -> dict:
    data = {}
    for name, value in values.items():
        if value is None or value == []:
            continue
        if form.fields[name].kind == "file":
            data[name] = SimpleUploadedFile(value, UPLOADS[value])
        else:
            data[name] = value
    return data


# --- Sending -------------------------------------------------------------------------------------


def send(client, form: Form, data: dict):
    if form.method == "post":
        response = client.post(form.action, data)
    else:
        plain = {k: v for k, v in data.items() if not isinstance(v, SimpleUploadedFile)}
        response = client.get(form.action, plain)
    assert response.status_code < 500, (form.action, data, response.status_code)
    return response


def confirmations(response, page: str) -> list[Form]:
    """Forms on the answer that post back to the page and hold nothing to fill in: an import
    preview's "confirm" (which carries the checked file in a signed token)."""
    if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
        return []
    found = []
    for form in forms_in(page, response.content.decode()):
        same_page = urlsplit(form.action).path == urlsplit(page).path
        if (
            same_page
            and form.method == "post"
            and all(f.kind == "hidden" for f in form.fields.values())
        ):
            found.append(form)
    return found


def send_and_confirm(client, form: Form, data: dict) -> None:
    response = send(client, form, data)
    for confirm in confirmations(response, form.action)[:1]:
        send(client, confirm, {n: f.value for n, f in confirm.fields.items()})


def fuzz_form(client, form: Form, login) -> None:
    # Every crafted upload once in every file field, the rest of the form as the page gave it.
    initial = {
        n: f.value for n, f in form.fields.items() if f.kind not in ("file", "checkbox", "radio")
    }
    for name in [n for n, f in form.fields.items() if f.kind == "file"]:
        for upload in sorted(UPLOADS):
            login()
            send_and_confirm(
                client, form, {**initial, name: SimpleUploadedFile(upload, UPLOADS[upload])}
            )

    @hypothesis_settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(values=payload_strategy(form))
    def run(values):
        login()
        send_and_confirm(client, form, build_data(form, values))

    run()
    # Bytes that are no UTF-8 at all, as a broken client or another encoding sends them.
    if form.method == "post" and not form.multipart:
        login()
        body = "&".join(f"{name}=%FF%FE%C0%AF" for name in form.fields) or "x=%FF"
        response = client.generic(
            "POST", form.action, body, content_type="application/x-www-form-urlencoded"
        )
        assert response.status_code < 500, (form.action, "non-UTF-8 body")


def discover(client, urls: list[str]) -> list[Form]:
    found: dict[tuple, Form] = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code < 500, url
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        for form in forms_in(url, response.content.decode()):
            # One form per URL name: the status form of every item is one form.
            route = resolve(urlsplit(form.action).path).view_name
            fields = tuple(sorted(form.fields))
            found.setdefault((route, form.method, fields), form)
    return list(found.values())


# Forms that end something for good run last, so that the others still find their objects.
LAST = ("/delete/", "/remove/", "/close/", "/issue/", "/next/", "/role/", "/password/")


def order(forms: list[Form]) -> list[Form]:
    return sorted(forms, key=lambda f: (any(w in f.action for w in LAST), f.action))


def stored_garbage() -> list[str]:
    found = []
    for label in sorted(PROJECT_APPS):
        for model in apps.get_app_config(label).get_models():
            names = text_field_names(model)
            if not names:
                continue
            for row in model._base_manager.values_list("pk", *names):
                for name, value in zip(names, row[1:], strict=True):
                    if isinstance(value, str) and has_xml_illegal(value):
                        found.append(f"{model.__name__}.{name} (pk {row[0]}): {value[:40]!r}")
    return found


# --- The tests -----------------------------------------------------------------------------------


@pytest.fixture
def uploads_ready():
    if not UPLOADS:
        UPLOADS.update(uploads())


@pytest.mark.django_db(transaction=False)
def test_every_form_of_an_hr_advisor_answers_bad_input_without_a_server_error(
    world,  # noqa: F811 (the walker's fixture)
    hr_a,
    uploads_ready,
):
    client = client_for(hr_a)
    urls = [url_for(route, world) for route in ROUTES]
    forms = order(discover(client, urls))
    actions = {urlsplit(f.action).path for f in forms}
    # The walk reaches the forms that matter: the details, actions, imports, items, letters.
    org = world["org"].slug
    for name, kwargs in [
        ("programme:organisation_edit", {"slug": org}),
        ("programme:action_create", {"slug": org}),
        ("programme:action_import", {"slug": org}),
        ("pillars:import", {"slug": org}),
        ("pillars:item_edit", {"slug": org, "pk": world["own_item"].pk}),
        ("recognition:profile_edit", {"slug": org}),
    ]:
        assert reverse(name, kwargs=kwargs) in actions, name
    assert len(forms) >= 30

    UPLOADS["acties-export.csv"] = spoiled_export(
        client, reverse("programme:action_export", kwargs={"slug": org, "file_format": "csv"})
    )
    UPLOADS["pijlers-export.csv"] = spoiled_export(
        client, reverse("pillars:export", kwargs={"slug": org, "file_format": "csv"})
    )

    def login():
        client.force_login(hr_a)

    for form in forms:
        fuzz_form(client, form, login)
    assert stored_garbage() == []


@pytest.mark.django_db
def test_every_respondent_page_answers_bad_input_without_a_server_error(org_a, uploads_ready):
    today = timezone.localdate()
    campaign = make_campaign(
        org_a, opens_on=today - timedelta(days=3), closes_on=today + timedelta(days=10)
    )
    employee = client_for(None)
    start = reverse("respond:start", kwargs={"key": campaign.key})
    response = employee.get(start)
    seen = []
    for _ in range(15):  # the start page, then one section after another
        assert response.status_code < 500
        if response.status_code != 200:
            break
        forms = [
            f
            for f in forms_in(start, response.content.decode())
            if f.method == "post" and urlsplit(f.action).path.startswith(start)
        ]
        if not forms:
            break
        form = forms[0]
        fuzz_form(employee, form, login=lambda: None)
        seen.append(urlsplit(form.action).path)
        # On to the next page with the first answer to every question, as a hurried employee.
        values = {"action": "next"}
        for name, f in form.fields.items():
            if f.kind in ("radio", "select", "checkbox") and f.options:
                values[name] = [f.options[0]] if f.multiple else f.options[0]
            elif f.kind == "textarea":
                values[name] = "Meer begrip\x0bvan mijn leidinggevende\x01 =1+1 <b>graag</b>"
            elif f.kind not in ("checkbox", "radio") and name != "action":
                values[name] = f.value
        response = employee.post(form.action, values)
    assert response.status_code == 302  # the form was sent in the end: every section was seen
    assert len(seen) >= 4, seen  # the start page and at least three sections
    # Closing moves the sealed answers into the counts and the free texts into their table.
    close(campaign, today=today)
    assert TextAnswer.objects.filter(campaign=campaign).exists()
    assert stored_garbage() == []


def test_the_crafted_uploads_are_what_they_claim(uploads_ready):
    assert len(UPLOADS["bom.png"]) < 100
    archive = zipfile.ZipFile(io.BytesIO(UPLOADS["bom.xlsx"]))
    assert sum(m.file_size for m in archive.infolist()) > 200 * 1024 * 1024
    assert len(UPLOADS["bom.xlsx"]) < 1024 * 1024
