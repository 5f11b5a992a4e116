"""The one import/export pattern for organisation data (CSV and XLSX through django-import-export).

Every resource of every app follows it: read an upload by its content (at most MAX_ROWS rows,
never unpacking more than MAX_UNPACKED_BYTES), preview it as a dry run with row-level errors and
the values each row changes, import all rows or none, and export files that Dutch Excel opens as
they are: CSV with semicolons, a byte-order mark, decimal commas and dd-mm-jjjj dates; XLSX with
real dates and numbers on a named sheet with a filter, and cells that never run as a formula.
"""

import base64
import csv
import io
import re
import threading
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from unittest import mock

import tablib
from django.conf import settings
from django.core import signing
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.db import models, transaction
from django.http import HttpResponse
from django.template.defaultfilters import filesizeformat
from django.utils import formats, translation
from django.utils.translation import gettext as _
from import_export import resources, widgets
from import_export.results import Result
from openpyxl import Workbook, load_workbook
from openpyxl.reader import excel as excel_reader
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.writer.excel import ExcelWriter

from programme.forms import ImportUploadForm
from programme.text import strip_xml_illegal

# Characters that make a spreadsheet treat a cell as a formula (or as a hidden continuation of
# one); OWASP's "CSV injection" list. The library's own option only escapes "=".
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
ESCAPE = "'"

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

SIGNING_SALT = "programme.transfer"

# One import holds at most this many rows: enough for any organisation's plan, and a file of
# 100,000 rows would hold a worker for minutes.
MAX_ROWS = 5000
# An XLSX file is a zip archive; what it unpacks to is read, not what it weighs. A legitimate
# file of MAX_ROWS rows unpacks to a few megabytes, a zip bomb to gigabytes.
MAX_UNPACKED_BYTES = 25 * 1024 * 1024

DATE_FORMAT = "%d-%m-%Y"  # how a Dutch reader writes a date, in CSV cells and the preview
XLSX_DATE_FORMAT = "dd-mm-yyyy"
# Fixed workbook and archive times: two exports of the same rows are the same file.
FIXED_TIME = datetime(2000, 1, 1)


class TransferError(Exception):
    """The file as a whole cannot be read; the message is for the user."""


def escape_cell(value):
    """Prefix a text cell that a spreadsheet would read as a formula with an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return ESCAPE + value
    return value


def unescape_cell(value):
    """Undo escape_cell, so that an exported file imports back unchanged."""
    if isinstance(value, str) and value[:1] == ESCAPE and value[1:].startswith(FORMULA_PREFIXES):
        return value[1:]
    return value


# --- Widgets whose errors speak the user's language ------------------------------------------


class TextWidget(widgets.CharWidget):
    def clean(self, value, row=None, **kwargs):
        if value is None:
            return ""
        return str(value).strip()


class YearWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        try:
            number = float(str(value).strip())
        except ValueError:
            raise ValueError(_("“%(value)s” is not a year.") % {"value": value}) from None
        if number != int(number):
            raise ValueError(_("“%(value)s” is not a year.") % {"value": value})
        return int(number)

    def render(self, value, obj=None, **kwargs):
        return value


class FlexibleDateWidget(widgets.Widget):
    """Dates as 2025-11-10 or 10-11-2025 (the Dutch way), or as a spreadsheet's date cell."""

    INPUT_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y")

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        text = str(value).strip()
        for date_format in self.INPUT_FORMATS:
            try:
                return datetime.strptime(text, date_format).date()
            except ValueError:
                continue
        raise ValueError(
            _("“%(value)s” is not a date; write it as 2025-11-10 or 10-11-2025.") % {"value": value}
        )

    def render(self, value, obj=None, **kwargs):
        # The date itself: a real date cell in XLSX, dd-mm-jjjj in CSV (see write_csv).
        return value or None


class NumberWidget(widgets.Widget):
    """A whole number as a number cell; rows are found by check_row_key, not by this widget."""

    def clean(self, value, row=None, **kwargs):
        return value

    def render(self, value, obj=None, **kwargs):
        return value


class YesNoWidget(widgets.Widget):
    TRUE = {"ja", "j", "yes", "y", "true", "waar", "1", "x"}
    FALSE = {"nee", "n", "no", "false", "onwaar", "0", ""}

    def clean(self, value, row=None, **kwargs):
        if value is None or isinstance(value, bool):
            return bool(value)
        text = str(value).strip().lower()
        if text in self.TRUE:
            return True
        if text in self.FALSE:
            return False
        raise ValueError(_("“%(value)s” is not yes or no (ja or nee).") % {"value": value})

    def render(self, value, obj=None, **kwargs):
        return "ja" if value else "nee"


# Other words the app itself uses for a choice, and those people write for it, beside its key
# and its label in each language. The blank key stands for "no pillar".
CHOICE_SYNONYMS = {
    "": ("geen pijler", "no pillar", "overig", "other", "geen", "none", "-", "–"),
    "gereed": ("afgerond", "completed", "voltooid"),
    "nvt": ("n.v.t.", "niet van toepassing", "not applicable", "n/a"),
}


class ChoiceKeyWidget(widgets.Widget):
    """A choice by its key (gereed), by its label in Dutch or English (Gereed, Done) or by a word
    the app uses for it elsewhere (Afgerond); the blank choice, where allowed, by its labels
    (Geen pijler, Overig, No pillar). Case and surrounding spaces do not matter."""

    def __init__(self, choices, allow_blank: bool = False):
        super().__init__()
        self.choices = choices
        self.allow_blank = allow_blank

    def clean(self, value, row=None, **kwargs):
        text = " ".join(("" if value is None else str(value)).split())
        if not text and self.allow_blank:
            return ""
        lowered = text.lower()
        if self.allow_blank and lowered in CHOICE_SYNONYMS[""]:
            return ""
        for key, label in self.choices.choices:
            if (
                lowered == key.lower()
                or lowered in self._labels(label)
                or lowered in CHOICE_SYNONYMS.get(key, ())
            ):
                return key
        allowed = ", ".join(self.choices.values)
        raise ValueError(
            _("“%(value)s” is not one of: %(allowed)s.") % {"value": text, "allowed": allowed}
        )

    @staticmethod
    def _labels(label) -> set[str]:
        # A file may come from a colleague who works in the other language.
        labels = {str(label).lower()}
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                labels.add(str(label).lower())
        return labels

    def render(self, value, obj=None, **kwargs):
        return value or ""


# --- The resource base -------------------------------------------------------------------------


def shown_value(field, instance) -> str:
    """A field's value as the preview shows it: labels for choices, dd-mm-jjjj for dates."""
    value = field.get_value(instance)
    if value is None or value == "":
        return ""
    try:
        model_field = instance._meta.get_field(field.attribute)
    except FieldDoesNotExist:
        model_field = None
    if model_field is not None and model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime):
        return value.strftime(DATE_FORMAT + " %H:%M")
    if isinstance(value, date):
        return value.strftime(DATE_FORMAT)
    if isinstance(value, models.Model):
        return str(field.widget.render(value) or value)
    return str(value)


@dataclass
class _RowState:
    """What one row found before it was applied, to report what it changes."""

    instance: models.Model
    new: bool
    stored: dict  # the model's stored values, to see whether the row changes anything
    shown: dict[str, str]  # the values the preview shows, by column
    duplicate: bool = False  # the row matches an existing one and is skipped
    matched: bool = False  # the row was matched to an existing one by its content


class OrganisationResource(resources.ModelResource):
    """A ModelResource that only ever reads and writes rows of one organisation.

    Beside the rows, the import reports per row the values it read or, for a row that changes an
    existing one, each change as old and new value (RowResult.changes); a row that changes
    nothing is reported unchanged (skip) and not saved.
    """

    summary_column = ""  # the column that names a row in the preview
    sheet_title = ""  # the XLSX export's sheet: what its rows are, in the user's language
    # A new row of this resource fills in a row that exists in the user's eyes (progress on an
    # item): the preview shows its changes from the defaults rather than the values read.
    new_rows_are_updates = False

    def __init__(self, *, organisation, options: dict | None = None, **kwargs):
        super().__init__(**kwargs)
        self.organisation = organisation
        # The choices the user made in the import form (see ImportUploadForm.options).
        self.options = options or {}
        self._row_number = 0
        self._dataset: tablib.Dataset | None = None
        self._row_keys: dict = {}
        self._row_match: str | None = None  # "skip" or "update" when check_row_key matched
        self._row_state: _RowState | None = None

    class Meta:
        clean_model_instances = True
        skip_unchanged = False
        skip_html_diff = True
        import_id_fields = ["id"]

    def get_queryset(self):
        return self._meta.model.objects.filter(organisation=self.organisation)

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        self._dataset = dataset
        self._row_keys = {}

    def before_import_row(self, row, **kwargs):
        # As the user counts in a spreadsheet: the header is row 1.
        self._row_number = source_row(self._dataset, kwargs.get("row_number", 1) - 1)
        self._row_match = None
        self._row_state = None
        for key, value in list(row.items()):
            row[key] = unescape_cell(value)
        self.check_row_key(row)

    def claim_row_key(self, key, column: str, message: str) -> None:
        """Refuse a second row for one key (an id, an item): the later one would silently win."""
        earlier = self._row_keys.setdefault(key, self._row_number)
        if earlier != self._row_number:
            raise ValidationError({column: message % {"row": earlier}})

    def check_row_key(self, row) -> None:
        """Refuse a row whose key names something this organisation may not reach.

        Here the key is the `id` column, naming one of the organisation's own rows; a resource
        whose rows are found another way overrides this method (and get_instance).
        """
        identifier = row.get("id")
        if identifier in (None, ""):
            row["id"] = None
            return
        try:
            pk = int(float(str(identifier)))
        except ValueError:
            raise ValidationError(
                {"id": _("“%(value)s” is not a number.") % {"value": identifier}}
            ) from None
        if not self.get_queryset().filter(pk=pk).exists():
            # Never let a row reach another organisation's object by its number.
            raise ValidationError(
                {"id": _("There is no row with number %(id)s in this organisation.") % {"id": pk}}
            )
        self.claim_row_key(("id", pk), "id", _("This id is already in row %(row)d."))
        row["id"] = pk

    def init_instance(self, row=None):
        return self._meta.model(organisation=self.organisation)

    # --- What a row changes ------------------------------------------------------------------

    def stored_values(self, instance) -> dict:
        """The values a row may change, as stored; times the database keeps itself left out."""
        return {
            f.name: instance.serializable_value(f.name)
            for f in instance._meta.concrete_fields
            if not f.primary_key
            and not getattr(f, "auto_now", False)
            and not getattr(f, "auto_now_add", False)
        }

    def shown_values(self, instance, row) -> dict[str, str]:
        """The values the preview shows, for the columns the file has (others stay as they are)."""
        return {
            f.column_name: shown_value(f, instance)
            for f in self.get_import_fields()
            if f.attribute
            and not f.readonly
            and f.attribute != instance._meta.pk.name
            and f.column_name in row
        }

    def after_init_instance(self, instance, new, row, **kwargs):
        super().after_init_instance(instance, new, row, **kwargs)
        self._row_state = _RowState(
            instance=instance,
            new=new,
            stored=self.stored_values(instance),
            shown=self.shown_values(instance, row),
            duplicate=self._row_match == "skip",
            matched=self._row_match is not None,
        )

    def skip_row(self, instance, original, row, import_validation_errors=None):
        state = self._row_state
        if import_validation_errors or state is None:
            return False
        if state.duplicate:
            return True
        # A row that repeats what is stored is not saved: not even its save time changes.
        return not state.new and self.stored_values(instance) == state.stored

    def after_import_row(self, row, row_result, **kwargs):
        super().after_import_row(row, row_result, **kwargs)
        state = self._row_state
        if state is None:
            return
        row_result.duplicate = state.duplicate
        row_result.matched = state.matched
        shown = self.shown_values(state.instance, row)
        if state.new and not self.new_rows_are_updates:
            row_result.changes = [Change(c, None, v) for c, v in shown.items() if v]
        else:
            row_result.changes = [
                Change(c, state.shown.get(c, ""), v)
                for c, v in shown.items()
                if v != state.shown.get(c, "")
            ]

    # --- Export --------------------------------------------------------------------------------

    def after_export(self, queryset, dataset, **kwargs):
        for index, row in enumerate(dataset):
            dataset[index] = tuple(escape_cell(value) for value in row)

    def required_columns(self) -> list[str]:
        """Columns an import file must have; the others may be left out."""
        return []


# --- Reading an upload -------------------------------------------------------------------------


def _too_many_rows() -> TransferError:
    limit = formats.number_format(MAX_ROWS, force_grouping=True)
    return TransferError(
        _(
            "The file has more than %(limit)s rows. Split it into files of at most %(limit)s "
            "rows and import them one at a time."
        )
        % {"limit": limit}
    )


def _header(cells) -> list[str]:
    headers = [
        strip_xml_illegal(str(cell if cell is not None else "")).strip().lower() for cell in cells
    ]
    while headers and not headers[-1]:
        headers.pop()
    return headers


def _is_empty(cells) -> bool:
    return all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in cells)


def _append(dataset: tablib.Dataset, cells, number: int) -> None:
    if len(dataset) >= MAX_ROWS:
        raise _too_many_rows()
    # Characters XML cannot hold (a vertical tab pasted from Word) would make every later
    # export of the row fail: they are left out as the file is read.
    dataset.append([strip_xml_illegal(cell) for cell in cells])
    dataset.source_rows.append(number)


def source_row(dataset: tablib.Dataset, index: int) -> int:
    """The number of the dataset's row index in the file, as a spreadsheet counts (the header
    is row 1): empty rows were left out when the file was read."""
    numbers = getattr(dataset, "source_rows", None)
    return numbers[index] if numbers and index < len(numbers) else index + 2


def _dataset(headers: list[str]) -> tablib.Dataset:
    dataset = tablib.Dataset(headers=headers)
    dataset.source_rows = []
    return dataset


def _read_csv(raw: bytes) -> tablib.Dataset:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes nearly everything
        raise TransferError(_("The file is not a CSV or XLSX file."))
    if "\x00" in text:
        raise TransferError(_("The file is not a CSV or XLSX file."))
    try:
        # Dutch spreadsheet programs write semicolons; others write commas.
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    # Row by row, so that a file of too many rows is refused without reading all of it.
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        first = next(reader, None)
        if first is None:
            raise TransferError(_("The file is empty."))
        headers = [strip_xml_illegal(h).strip().lower() for h in first]
        dataset = _dataset(headers)
        for number, row in enumerate(reader, start=2):
            if _is_empty(row):
                continue
            if len(row) != len(headers):
                raise TransferError(
                    _("Row %(row)d has %(found)d columns instead of %(expected)d.")
                    % {"row": number, "found": len(row), "expected": len(headers)}
                )
            _append(dataset, row, number)
    except csv.Error as error:
        # An unclosed quote, or a cell longer than the csv module reads.
        raise TransferError(_("The CSV file cannot be read.")) from error
    return dataset


# Excel writes a character that XML cannot hold as _xHHHH_ (and a literal "_x" as _x005F_x);
# openpyxl leaves these as they are.
XLSX_ESCAPE = re.compile("_x([0-9A-Fa-f]{4})_")


def _unescape_xlsx(value):
    if isinstance(value, str) and "_x" in value:
        return XLSX_ESCAPE.sub(lambda match: chr(int(match.group(1), 16)), value)
    return value


class _StreamedSheet(ReadOnlyWorksheet):
    """A read-only sheet that does not look for its size first.

    openpyxl reads a sheet that declares no size (many programs write none) from end to end to
    find it before the first row is read: for 100,000 rows, seconds before the row limit can
    refuse the file. This sheet's rows are read as they come, so the limit stops it early.
    """

    def _get_size(self):
        self._min_column = self._min_row = 1
        self._max_column = self._max_row = None


_SHEET_CLASS_LOCK = threading.Lock()


def _open_workbook(raw: bytes):
    # openpyxl offers no option for this; the swap is held only while the workbook is opened.
    with _SHEET_CLASS_LOCK, mock.patch.object(excel_reader, "ReadOnlyWorksheet", _StreamedSheet):
        return load_workbook(io.BytesIO(raw), read_only=True, data_only=True)


def _read_xlsx(raw: bytes) -> tablib.Dataset:
    try:
        members = zipfile.ZipFile(io.BytesIO(raw)).infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        members = []
    if "xl/workbook.xml" not in {member.filename for member in members}:
        raise TransferError(_("The file is not a CSV or XLSX file."))
    # The sizes are those the archive declares; Python's zipfile never unpacks more than them.
    if sum(member.file_size for member in members) > MAX_UNPACKED_BYTES:
        raise TransferError(
            _(
                "The XLSX file unpacks to more than %(limit)s, far more than a file of "
                "%(rows)s rows. Save it again from your spreadsheet program, or as CSV."
            )
            % {
                "limit": filesizeformat(MAX_UNPACKED_BYTES),
                "rows": formats.number_format(MAX_ROWS, force_grouping=True),
            }
        )
    try:
        book = _open_workbook(raw)
        try:
            sheet = book.active
            rows = sheet.iter_rows(values_only=True)
            headers = _header(next(rows, None) or ())
            if not headers:
                raise TransferError(_("The file is empty."))
            width = len(headers)
            dataset = _dataset(headers)
            for number, values in enumerate(rows, start=2):
                cells = [_unescape_xlsx(c) for c in values[:width]]
                cells += [None] * (width - len(cells))
                if not _is_empty(cells):
                    _append(dataset, cells, number)
        finally:
            book.close()
    except TransferError:
        raise
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise TransferError(_("The XLSX file cannot be read.")) from error
    return dataset


def read_upload(raw: bytes) -> tablib.Dataset:
    """Read a CSV or XLSX file, recognised by its content rather than its name."""
    if not raw.strip():
        raise TransferError(_("The file is empty."))
    if raw.startswith(b"PK\x03\x04"):
        return _read_xlsx(raw)
    return _read_csv(raw)


# --- Writing an export -------------------------------------------------------------------------


def _text_cell(value: str) -> str:
    # Left out first, escaped after: "\x00=1" must not become the formula "=1".
    return escape_cell(strip_xml_illegal(value))


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime(DATE_FORMAT + " %H:%M")
    if isinstance(value, date):
        return value.strftime(DATE_FORMAT)
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, float | Decimal):
        # Dutch Excel reads 12,5 as a number and 12.5 as a date or a text.
        return str(value).replace(".", ",")
    return _text_cell(str(value))


def write_csv(dataset: tablib.Dataset) -> bytes:
    """CSV as Dutch Excel opens it: semicolons, a byte-order mark (UTF-8), decimal commas and
    dates as dd-mm-jjjj."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    if dataset.headers:
        writer.writerow([_csv_cell(header) for header in dataset.headers])
    for row in dataset:
        writer.writerow([_csv_cell(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _sheet_name(title) -> str:
    # Excel refuses these characters in a sheet's name, and names longer than 31.
    name = "".join(" " if c in "[]:*?/\\" else c for c in strip_xml_illegal(str(title)))
    return " ".join(name.split())[:31] or "Export"


class _FixedTimeZipFile(zipfile.ZipFile):
    """A zip archive whose members all carry one fixed time, so that its bytes depend only on
    its content."""

    def writestr(self, zinfo_or_arcname, data, *args, **kwargs):
        if not isinstance(zinfo_or_arcname, zipfile.ZipInfo):
            info = zipfile.ZipInfo(zinfo_or_arcname, date_time=FIXED_TIME.timetuple()[:6])
            info.compress_type = self.compression
            info.external_attr = 0o600 << 16
            zinfo_or_arcname = info
        super().writestr(zinfo_or_arcname, data, *args, **kwargs)

    def write(self, filename, arcname=None, *args, **kwargs):
        with open(filename, "rb") as handle:
            self.writestr(arcname or filename, handle.read())


def write_xlsx(dataset: tablib.Dataset, sheet_title="") -> bytes:
    """XLSX with real dates and numbers on a named sheet, with a filter on its frozen header
    row and columns as wide as their content; the same rows give the same file."""
    return write_xlsx_sheets([(sheet_title, dataset)])


def write_xlsx_sheets(sheets: list[tuple[str, tablib.Dataset]]) -> bytes:
    """One workbook of several sheets, in the given order, each written as write_xlsx writes its
    one; two sheets whose names Excel would shorten to the same get a number."""
    book = Workbook()
    book.properties.created = book.properties.modified = FIXED_TIME
    book.remove(book.active)
    names: set[str] = set()
    for title, dataset in sheets:
        name = _sheet_name(title)
        number = 2
        while name.casefold() in names:  # Excel compares sheet names without case
            suffix = f" ({number})"
            name = _sheet_name(title)[: 31 - len(suffix)] + suffix
            number += 1
        names.add(name.casefold())
        _fill_sheet(book.create_sheet(name), dataset)
    buffer = io.BytesIO()
    ExcelWriter(book, _FixedTimeZipFile(buffer, "w", zipfile.ZIP_DEFLATED)).save()
    return buffer.getvalue()


def _fill_sheet(sheet, dataset: tablib.Dataset) -> None:
    widths: dict[int, int] = {}
    first = 1
    if dataset.headers:
        for column, header in enumerate(dataset.headers, start=1):
            cell = sheet.cell(row=1, column=column, value=_text_cell(str(header)))
            cell.font = Font(bold=True)
            widths[column] = len(cell.value)
        first = 2
    for number, row in enumerate(dataset, start=first):
        for column, value in enumerate(row, start=1):
            if isinstance(value, str):
                value = _text_cell(value)
            cell = sheet.cell(row=number, column=column, value=value)
            if isinstance(value, date):
                cell.number_format = XLSX_DATE_FORMAT
                length = 10
            elif isinstance(value, float | Decimal):
                cell.number_format = "0.0"
                length = len(f"{value:.1f}")
            else:
                length = max((len(line) for line in str(value or "").splitlines()), default=0)
            widths[column] = max(widths.get(column, 0), length)
    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = min(max(width, 6), 60) + 2
    if dataset.headers:
        sheet.freeze_panes = "A2"
        last = f"{get_column_letter(len(dataset.headers))}{max(len(dataset) + 1, 1)}"
        sheet.auto_filter.ref = f"A1:{last}"


def export_bytes(resource, file_format: str, queryset=None) -> bytes:
    """The resource's rows (or those of queryset) as the content of a CSV or XLSX file."""
    dataset = resource.export() if queryset is None else resource.export(queryset)
    if file_format == "csv":
        return write_csv(dataset)
    return write_xlsx(dataset, getattr(resource, "sheet_title", ""))


# --- Preview and import ------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """One value a row reads: for a row that changes an existing one, its old value too."""

    column: str
    old: str | None  # None for a new row: it has no old values
    new: str


@dataclass
class RowReport:
    number: int  # as the user sees it in a spreadsheet: the header is row 1
    kind: str  # new, update, skip (changes nothing), duplicate (matches one, skipped) or invalid
    title: str
    errors: list[str] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    matched: bool = False  # found by its content (title and year), not by its id


@dataclass
class ImportReport:
    rows: list[RowReport]
    file_errors: list[str]

    @property
    def is_valid(self) -> bool:
        return not self.file_errors and all(not row.errors for row in self.rows)

    @property
    def error_rows(self) -> list[RowReport]:
        return [row for row in self.rows if row.errors]

    @property
    def new_count(self) -> int:
        return sum(1 for row in self.rows if row.kind == "new")

    @property
    def update_count(self) -> int:
        return sum(1 for row in self.rows if row.kind == "update")

    @property
    def unchanged_count(self) -> int:
        return sum(1 for row in self.rows if row.kind == "skip")

    @property
    def duplicate_count(self) -> int:
        return sum(1 for row in self.rows if row.kind == "duplicate")

    @property
    def has_changes(self) -> bool:
        return bool(self.new_count or self.update_count)


def _report(
    resource: OrganisationResource, dataset: tablib.Dataset, result: Result
) -> ImportReport:
    labels = {f.attribute: f.column_name for f in resource.get_import_fields() if f.attribute}
    file_errors = [str(error.error) for error in result.base_errors]
    rows = []
    for index, row_result in enumerate(result.rows):
        values = dict(zip(dataset.headers, dataset[index], strict=False))
        title = str(unescape_cell(values.get(resource.summary_column, "")) or "")
        errors = []
        if row_result.validation_error is not None:
            error = row_result.validation_error
            error_dict = getattr(error, "message_dict", None) or {NON_FIELD_ERRORS: error.messages}
            for name, messages in error_dict.items():
                column = labels.get(name, name)
                for message in messages:
                    errors.append(message if name == NON_FIELD_ERRORS else f"{column}: {message}")
        for error in row_result.errors:
            errors.append(str(error.error))
        kind = row_result.import_type
        if errors:
            kind = "invalid"
        elif getattr(row_result, "duplicate", False):
            kind = "duplicate"
        rows.append(
            RowReport(
                number=source_row(dataset, index),
                kind=kind,
                title=title,
                errors=errors,
                changes=[] if errors else getattr(row_result, "changes", []),
                matched=getattr(row_result, "matched", False),
            )
        )
    return ImportReport(rows=rows, file_errors=file_errors)


def _check_columns(resource: OrganisationResource, dataset: tablib.Dataset) -> list[str]:
    missing = [c for c in resource.required_columns() if c not in (dataset.headers or [])]
    if missing:
        return [_("The file lacks the column(s): %(columns)s.") % {"columns": ", ".join(missing)}]
    if not len(dataset):
        return [_("The file has no rows below the column headers.")]
    return []


def import_preview(resource: OrganisationResource, raw: bytes) -> ImportReport:
    """Run the import as a dry run and report, row by row, what it would do."""
    try:
        dataset = read_upload(raw)
    except TransferError as error:
        return ImportReport(rows=[], file_errors=[str(error)])
    file_errors = _check_columns(resource, dataset)
    if file_errors:
        return ImportReport(rows=[], file_errors=file_errors)
    result = resource.import_data(
        dataset, dry_run=True, use_transactions=True, rollback_on_validation_errors=True
    )
    return _report(resource, dataset, result)


def import_commit(resource: OrganisationResource, raw: bytes) -> ImportReport:
    """Import every row or, when any row is wrong, none of them."""
    report = import_preview(resource, raw)
    if not report.is_valid:
        return report
    dataset = read_upload(raw)
    with transaction.atomic():
        result = resource.import_data(
            dataset, dry_run=False, use_transactions=True, rollback_on_validation_errors=True
        )
        report = _report(resource, dataset, result)
        if not report.is_valid:
            # Something changed between preview and import: write nothing.
            transaction.set_rollback(True)
    return report


def sign_upload(raw: bytes, options: dict | None = None) -> str:
    """Carry the previewed file, and the choices made with it, to the confirming request
    without storing them on the server."""
    payload = {"file": base64.b64encode(raw).decode(), "options": options or {}}
    return signing.dumps(payload, salt=SIGNING_SALT, compress=True)


def unsign_upload(token: str) -> tuple[bytes, dict]:
    try:
        payload = signing.loads(token, salt=SIGNING_SALT, max_age=60 * 60)
        return base64.b64decode(payload["file"]), dict(payload["options"])
    except (signing.BadSignature, ValueError, KeyError, TypeError) as error:
        raise TransferError(_("The preview has expired; upload the file again.")) from error


def export_response(resource: OrganisationResource, file_format: str, filename: str, queryset=None):
    """The resource's rows (or those of queryset, the list's filtered rows) as a CSV or XLSX
    download for Dutch Excel, with formulae escaped."""
    content = export_bytes(resource, file_format, queryset)
    response = HttpResponse(content, content_type=CONTENT_TYPES[file_format])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{file_format}"'
    return response


# --- The import page's steps --------------------------------------------------------------------


@dataclass
class ImportStep:
    """Where an import page stands after this request, for the view to render or redirect."""

    form: ImportUploadForm
    report: ImportReport | None = None
    token: str | None = None  # set when a checked file changes something and may be confirmed
    imported: bool = False  # every row has been written
    expired: str = ""  # the confirmed preview could not be read back: start again


def import_step(request, resource: OrganisationResource, form_class=ImportUploadForm) -> ImportStep:
    """Run what the request asks: check an uploaded file as a dry run, or import a checked one.

    The choices of the upload form (such as updating matching rows) travel with the file in
    the signed token, so that the import does what the preview showed.
    """
    if request.method == "POST" and "confirm" in request.POST:
        try:
            raw, options = unsign_upload(request.POST.get("token", ""))
        except TransferError as error:
            return ImportStep(form=form_class(), expired=str(error))
        resource.options = options
        report = import_commit(resource, raw)
        return ImportStep(form=form_class(), report=report, imported=report.is_valid)
    if request.method == "POST":
        form = form_class(request.POST, request.FILES)
        if form.is_valid():
            raw = form.cleaned_data["file"].read()
            resource.options = form.options()
            report = import_preview(resource, raw)
            token = None
            if report.is_valid and report.has_changes:
                token = sign_upload(raw, resource.options)
            return ImportStep(form=form, report=report, token=token)
        return ImportStep(form=form)
    return ImportStep(form=form_class())
