"""The status letter as a Word document (python-docx), for councils with a template of their own.

Built from the same LetterDocument as the preview and the PDF. Word cannot show the SVG chart,
so the monitor's figures come as the table that accompanies the chart everywhere else.

Every text goes through strip_xml_illegal (as `t`): a vertical tab pasted from Word into a
letter's text cannot be written into the document's XML and would make the download fail.
"""

import io

from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from docx import Document
from docx.shared import Mm, Pt, RGBColor

from programme.text import strip_xml_illegal as t
from recognition.document import letter_document
from recognition.models import StatusLetter

ACCENT = RGBColor(0x8A, 0x1C, 0x4A)


def letter_docx(*, letter: StatusLetter) -> bytes:
    """The letter as a .docx file, in its own language; a draft carries DRAFT in its header."""
    with translation.override(letter.language):
        content = letter_document(letter)
        doc = Document()
        page = doc.sections[0]
        page.page_width, page.page_height = Mm(210), Mm(297)
        page.left_margin, page.right_margin = Mm(25), Mm(22)
        doc.core_properties.title = t(content.title)
        doc.core_properties.language = letter.language
        doc.styles["Normal"].font.name = "Liberation Sans"
        doc.styles["Normal"].font.size = Pt(10.5)
        if content.is_draft:
            header = page.header.paragraphs[0]
            run = header.add_run(_("DRAFT"))
            run.bold = True
            run.font.color.rgb = RGBColor(0xB3, 0x26, 0x1E)

        heading = doc.add_paragraph()
        run = heading.add_run(t(letter.organisation.name))
        run.bold = True
        run.font.size = Pt(15)
        run.font.color.rgb = ACCENT
        doc.add_paragraph(t(letter.addressee))

        rows = [(_("Date"), date_format(letter.letter_date, "j F Y"))]
        if letter.reference:
            rows.append((_("Reference"), letter.reference))
        rows.append((_("Subject"), letter.subject))
        table = doc.add_table(rows=0, cols=2)
        for label, value in rows:
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
    return buffer.getvalue()
