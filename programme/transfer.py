"""The one import/export pattern for organisation data (CSV and XLSX through django-import-export).

Every resource of every app follows it: read an upload by its content, preview it as a dry run
with row-level errors, import all rows or none, and export cells that a spreadsheet will never
run as a formula.
"""

import base64
import csv
import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime

import tablib
from django.conf import settings
from django.core import signing
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _
from import_export import resources, widgets
from import_export.results import Result

from programme.forms import ImportUploadForm

# Characters that make a spreadsheet treat a cell as a formula (or as a hidden continuation of
# one); OWASP's "CSV injection" list. The library's own option only escapes "=".
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
ESCAPE = "'"

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

SIGNING_SALT = "programme.transfer"


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
        return value.isoformat() if value else ""


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


class ChoiceKeyWidget(widgets.Widget):
    """A choice by its key (gereed) or by its label in Dutch or English (Done)."""

    def __init__(self, choices, allow_blank: bool = False):
        super().__init__()
        self.choices = choices
        self.allow_blank = allow_blank

    def clean(self, value, row=None, **kwargs):
        text = "" if value is None else str(value).strip()
        if not text and self.allow_blank:
            return ""
        lowered = text.lower()
        for key, label in self.choices.choices:
            if lowered == key.lower() or lowered in self._labels(label):
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


class OrganisationResource(resources.ModelResource):
    """A ModelResource that only ever reads and writes rows of one organisation."""

    def __init__(self, *, organisation, **kwargs):
        super().__init__(**kwargs)
        self.organisation = organisation

    class Meta:
        clean_model_instances = True
        skip_unchanged = False
        skip_html_diff = True
        import_id_fields = ["id"]

    def get_queryset(self):
        return self._meta.model.objects.filter(organisation=self.organisation)

    def before_import_row(self, row, **kwargs):
        for key, value in list(row.items()):
            row[key] = unescape_cell(value)
        self.check_row_key(row)

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
        row["id"] = pk

    def init_instance(self, row=None):
        return self._meta.model(organisation=self.organisation)

    def after_export(self, queryset, dataset, **kwargs):
        for index, row in enumerate(dataset):
            dataset[index] = tuple(escape_cell(value) for value in row)

    def required_columns(self) -> list[str]:
        """Columns an import file must have; the others may be left out."""
        return []


# --- Reading an upload -------------------------------------------------------------------------


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
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    if not rows:
        raise TransferError(_("The file is empty."))
    width = len(rows[0])
    dataset = tablib.Dataset(headers=[h.strip().lower() for h in rows[0]])
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != width:
            raise TransferError(
                _("Row %(row)d has %(found)d columns instead of %(expected)d.")
                % {"row": number, "found": len(row), "expected": width}
            )
        dataset.append(row)
    return dataset


def _read_xlsx(raw: bytes) -> tablib.Dataset:
    try:
        dataset = tablib.Dataset().load(io.BytesIO(raw), format="xlsx")
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise TransferError(_("The XLSX file cannot be read.")) from error
    dataset.headers = [str(h or "").strip().lower() for h in dataset.headers or []]
    empty_rows = [i for i, row in enumerate(dataset) if all(c in (None, "") for c in row)]
    for index in reversed(empty_rows):
        del dataset[index]
    return dataset


def read_upload(raw: bytes) -> tablib.Dataset:
    """Read a CSV or XLSX file, recognised by its content rather than its name."""
    if not raw.strip():
        raise TransferError(_("The file is empty."))
    if raw.startswith(b"PK\x03\x04"):
        try:
            names = zipfile.ZipFile(io.BytesIO(raw)).namelist()
        except zipfile.BadZipFile:
            names = []
        if "xl/workbook.xml" not in names:
            raise TransferError(_("The file is not a CSV or XLSX file."))
        return _read_xlsx(raw)
    return _read_csv(raw)


# --- Preview and import ------------------------------------------------------------------------


@dataclass
class RowReport:
    number: int  # as the user sees it in a spreadsheet: the header is row 1
    kind: str  # new, update or invalid
    title: str
    errors: list[str] = field(default_factory=list)


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


def _report(
    resource: OrganisationResource, dataset: tablib.Dataset, result: Result
) -> ImportReport:
    labels = {f.attribute: f.column_name for f in resource.get_import_fields() if f.attribute}
    file_errors = [str(error.error) for error in result.base_errors]
    rows = []
    for index, row_result in enumerate(result.rows):
        number = index + 2
        values = dict(zip(dataset.headers, dataset[index], strict=False))
        title = str(values.get(resource.summary_column, "") or "")
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
        kind = "invalid" if errors else row_result.import_type
        rows.append(RowReport(number=number, kind=kind, title=title, errors=errors))
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


def sign_upload(raw: bytes) -> str:
    """Carry the previewed file to the confirming request without storing it on the server."""
    return signing.dumps(base64.b64encode(raw).decode(), salt=SIGNING_SALT, compress=True)


def unsign_upload(token: str) -> bytes:
    try:
        return base64.b64decode(signing.loads(token, salt=SIGNING_SALT, max_age=60 * 60))
    except (signing.BadSignature, ValueError) as error:
        raise TransferError(_("The preview has expired; upload the file again.")) from error


def export_response(resource: OrganisationResource, file_format: str, filename: str):
    """Export the resource's rows as a CSV or XLSX download, with formulae escaped."""
    dataset = resource.export()
    if file_format == "csv":
        # A byte-order mark makes spreadsheet programs read the file as UTF-8.
        content = ("\ufeff" + dataset.export("csv")).encode("utf-8")
    else:
        content = dataset.export("xlsx")
    response = HttpResponse(content, content_type=CONTENT_TYPES[file_format])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{file_format}"'
    return response


# --- The import page's steps --------------------------------------------------------------------


@dataclass
class ImportStep:
    """Where an import page stands after this request, for the view to render or redirect."""

    form: ImportUploadForm
    report: ImportReport | None = None
    token: str | None = None  # set when a checked file may be confirmed
    imported: bool = False  # every row has been written
    expired: str = ""  # the confirmed preview could not be read back: start again


def import_step(request, resource: OrganisationResource) -> ImportStep:
    """Run what the request asks: check an uploaded file as a dry run, or import a checked one."""
    if request.method == "POST" and "confirm" in request.POST:
        try:
            raw = unsign_upload(request.POST.get("token", ""))
        except TransferError as error:
            return ImportStep(form=ImportUploadForm(), expired=str(error))
        report = import_commit(resource, raw)
        return ImportStep(form=ImportUploadForm(), report=report, imported=report.is_valid)
    if request.method == "POST":
        form = ImportUploadForm(request.POST, request.FILES)
        if form.is_valid():
            raw = form.cleaned_data["file"].read()
            report = import_preview(resource, raw)
            return ImportStep(
                form=form, report=report, token=sign_upload(raw) if report.is_valid else None
            )
        return ImportStep(form=form)
    return ImportStep(form=ImportUploadForm())
