"""The status letter as a Word document (python-docx), for councils with a template of their own.

Built from the same LetterDocument as the preview and the PDF. Word cannot show the SVG chart,
so the monitor's figures come as the table that accompanies the chart everywhere else.

Every text goes through strip_xml_illegal (as `t`): a vertical tab pasted from Word into a
letter's text cannot be written into the document's XML and would make the download fail.

An issued letter's DOCX is made once, at issue, and stored (recognition.services.letter_issue):
its header carries the logo, its footer "pagina X van Y" as Word fields, its properties name
the organisation as author and the moment of issue as created and modified, and every part in
the zip carries that moment too, so that the same letter always gives the same bytes.
"""

import io
import zipfile
from datetime import UTC, datetime

from django.core.files.storage import default_storage
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from programme.text import strip_xml_illegal as t
from recognition.document import letter_document
from recognition.models import SectionKind, StatusLetter

ACCENT = RGBColor(0x8A, 0x1C, 0x4A)
LOGO_HEIGHT = Mm(14)


def _field(paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word fills in when it lays out the pages."""

    def mark(kind: str) -> None:
        char = OxmlElement("w:fldChar")
        char.set(qn("w:fldCharType"), kind)
        paragraph.add_run()._r.append(char)

    mark("begin")
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    paragraph.add_run()._r.append(code)
    mark("separate")
    paragraph.add_run("1")  # shown until Word updates the field
    mark("end")


def _header(page, letter: StatusLetter, is_draft: bool) -> None:
    """The logo (a PNG or JPEG, as programme.images keeps it) and, on a draft, DRAFT."""
    paragraph = page.header.paragraphs[0]
    logo = letter.organisation.logo
    if logo and default_storage.exists(logo.name):
        with default_storage.open(logo.name, "rb") as file:
            paragraph.add_run().add_picture(io.BytesIO(file.read()), height=LOGO_HEIGHT)
    if is_draft:
        run = paragraph.add_run(("  " if logo else "") + _("DRAFT"))
        run.bold = True
        run.font.color.rgb = RGBColor(0xB3, 0x26, 0x1E)


def _footer(page) -> None:
    """ "pagina X van Y", as the PDF's page numbers, with the same words."""
    paragraph = page.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    paragraph.add_run(_("page") + " ")
    _field(paragraph, "PAGE")
    paragraph.add_run(" " + _("of") + " ")
    _field(paragraph, "NUMPAGES")


def _with_fixed_times(docx: bytes, moment: datetime) -> bytes:
    """The same zip with every part dated `moment`: python-docx dates them at the time of saving."""
    stamp = timezone.localtime(moment).timetuple()[:6]
    source, target = zipfile.ZipFile(io.BytesIO(docx)), io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as rewritten:
        for info in source.infolist():
            rewritten.writestr(
                zipfile.ZipInfo(info.filename, date_time=stamp),
                source.read(info.filename),
                compress_type=zipfile.ZIP_DEFLATED,
            )
    return target.getvalue()


def letter_docx(*, letter: StatusLetter) -> bytes:
    """The letter as a .docx file, in its own language; a draft carries DRAFT in its header.

    Dated at the moment of issue; a draft, which is rendered at each download, at now."""
    moment = letter.issued_at or timezone.now()
    with translation.override(letter.language):
        content = letter_document(letter)
        doc = Document()
        page = doc.sections[0]
        page.page_width, page.page_height = Mm(210), Mm(297)
        page.left_margin, page.right_margin = Mm(25), Mm(22)
        properties = doc.core_properties
        properties.title = t(content.title)
        properties.language = letter.language
        # python-docx's template names itself as author and in the comments.
        properties.author = properties.last_modified_by = t(letter.organisation.name)
        properties.comments = ""
        # python-docx writes the time as given, marked as UTC.
        properties.created = properties.modified = moment.astimezone(UTC)
        properties.revision = 1
        doc.styles["Normal"].font.name = "Liberation Sans"
        doc.styles["Normal"].font.size = Pt(10.5)
        _header(page, letter, content.is_draft)
        _footer(page)

        heading = doc.add_paragraph()
        run = heading.add_run(t(letter.organisation.name))
        run.bold = True
        run.font.size = Pt(15)
        run.font.color.rgb = ACCENT
        doc.add_paragraph(t(letter.addressee))

        # The reference and sender blocks as the PDF has them (includes/letter_head.html); the
        # subject is printed once, as the heading below.
        rows = [
            (_("Date"), date_format(letter.letter_date, "j F Y")),
            (_("Our reference"), letter.reference),
            (_("Your reference"), letter.your_reference),
            (_("Attachment(s)"), "\n".join(letter.attachment_names)),
            (_("Department"), letter.department),
            (_("Handled by"), letter.handled_by),
            (_("Telephone"), letter.phone),
            (_("E-mail"), letter.email),
        ]
        table = doc.add_table(rows=0, cols=2)
        for label, value in rows:
            if value:
                cells = table.add_row().cells
                cells[0].text, cells[1].text = t(label), t(value)

        doc.add_heading(t(letter.subject), level=1)
        doc.add_paragraph(t(letter.salutation))
        for section in content.sections:
            if section.title:
                doc.add_heading(t(section.title), level=2)
            for block in section.blocks:
                if block.kind == "ul":
                    for item in block.lines:
                        doc.add_paragraph(t(item), style="List Bullet")
                else:
                    doc.add_paragraph(t(block.text))
            if section.kind == SectionKind.INTRO and letter.occasion:
                doc.add_paragraph(t(letter.occasion))
            if section.chart_rows:
                doc.add_paragraph(t(section.chart_title)).runs[0].bold = True
                figures = doc.add_table(rows=1, cols=2)
                figures.style = "Light List"
                figures.rows[0].cells[0].text = _("Result")
                figures.rows[0].cells[1].text = _("Share")
                for row in section.chart_rows:
                    cells = figures.add_row().cells
                    cells[0].text, cells[1].text = t(row.label), t(row.value)

        doc.add_paragraph(t(letter.complimentary_close))
        if letter.sender:
            doc.add_paragraph(t(letter.sender))
        if content.signatories:
            signed = doc.add_table(rows=2, cols=len(content.signatories))
            for i, signatory in enumerate(content.signatories):
                signed.rows[0].cells[i].text = t(signatory.role)
                signed.rows[1].cells[i].text = t(signatory.name)
    buffer = io.BytesIO()
    doc.save(buffer)
    return _with_fixed_times(buffer.getvalue(), moment)
