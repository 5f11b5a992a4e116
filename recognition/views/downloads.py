"""How the recognition app hands out its files: as attachments that no cache keeps."""

from django.http import HttpResponse


def attachment(content: bytes, content_type: str, file_name: str) -> HttpResponse:
    """A download of `content` under `file_name`, private to this member."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    response["Cache-Control"] = "private, no-store"
    return response
