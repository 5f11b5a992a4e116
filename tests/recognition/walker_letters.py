"""URL-walker samples for the status letters and the progress report (read by
tests/test_url_walker.py, whose world holds organisation A's draft letter as "letter")."""

from tests.recognition.conftest import compose


def world(organisation) -> dict:
    """A draft letter of the organisation: every letter URL can point at it."""
    return {"letter": compose(organisation)}


def _letter(w):
    return {"slug": w["org"].slug, "pk": w["letter"].pk}


SAMPLES = {
    "recognition:letter_list": lambda w: {"slug": w["org"].slug},
    "recognition:letter_create": lambda w: {"slug": w["org"].slug},
    "recognition:progress_report": lambda w: {"slug": w["org"].slug},
    "recognition:letter_detail": _letter,
    "recognition:letter_edit": _letter,
    "recognition:letter_recompose": _letter,
    "recognition:letter_issue": _letter,
    "recognition:letter_copy": _letter,
    "recognition:letter_delete": _letter,
    "recognition:letter_pdf": _letter,
    "recognition:letter_docx": _letter,
}
PUBLIC_URLS: set[str] = set()
