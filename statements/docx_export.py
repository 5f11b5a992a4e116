"""The processing register entry as a Word document (python-docx), from selectors.register_entry.

Every text goes through strip_xml_illegal: a character pasted from Word into an organisation's
name cannot be written into the document's XML and would make the download fail.
"""

import io

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from docx import Document

from programme.text import strip_xml_illegal as t
from statements.selectors import RegisterEntry


def register_docx(entry: RegisterEntry, *, language: str) -> bytes:
    document = Document()
    document.core_properties.author = t(entry.organisation.name)
    document.core_properties.title = t(entry.title)
    document.core_properties.language = language
    document.add_heading(t(entry.title), level=0)
    document.add_paragraph(t(entry.organisation.name))
    document.add_paragraph(
        _("Made on %(date)s from the data on the platform.")
        % {"date": date_format(entry.made_on, "DATE_FORMAT")}
    )
    for part in entry.parts:
        document.add_heading(t(part.title), level=1)
        for line in part.lines:
            document.add_paragraph(t(line), style="List Bullet")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def register_file_name(entry: RegisterEntry) -> str:
    return f"verwerkingsregister-{entry.organisation.slug}-{entry.made_on.isoformat()}.docx"
