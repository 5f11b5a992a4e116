"""The campaign's public link as a QR code, and the A4 poster that carries it to every location."""

import base64
import io
import mimetypes

import segno
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse

from monitor.models import Campaign

# At least medium error correction (segno raises it when that costs no size): the code still
# scans with a corner torn off or a pin through it.
QR_ERROR_CORRECTION = "m"


def public_url(request: HttpRequest, campaign: Campaign) -> str:
    """The absolute address employees open, /m/<key>/, on the host this page was asked from."""
    return request.build_absolute_uri(reverse("respond:start", kwargs={"key": campaign.key}))


def qr_svg(url: str, *, scale: int = 6, title: str = "") -> str:
    """The QR code for `url` as an SVG document, which HTML can also embed as it is."""
    qr = segno.make(url, error=QR_ERROR_CORRECTION, micro=False)
    buffer = io.BytesIO()
    qr.save(buffer, kind="svg", scale=scale, title=title or None, xmldecl=False, nl=False)
    return buffer.getvalue().decode("utf-8")


def _logo_data_uri(campaign: Campaign) -> str:
    """The organisation's logo as a data: URI, read from storage; "" when there is none."""
    logo = campaign.organisation.logo
    if not logo:
        return ""
    content_type = mimetypes.guess_type(logo.name)[0]
    if content_type not in ("image/png", "image/jpeg"):
        return ""
    try:
        with logo.open("rb") as file:
            data = file.read()
    except OSError:
        return ""  # a missing file leaves the poster without a logo rather than without a poster
    return f"data:{content_type};base64,{base64.b64encode(data).decode('ascii')}"


def poster_pdf(*, campaign: Campaign, url: str) -> bytes:
    """The A4 poster inviting employees to respond, with the QR code and the short link."""
    # Imported here: WeasyPrint takes a while to load, and only this download needs it.
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    html = render_to_string(
        "monitor/poster.html",
        {
            "campaign": campaign,
            "organisation": campaign.organisation,
            "url": url,
            "display_url": url.split("://", 1)[-1],
            "qr_svg": qr_svg(url, scale=10),
            "logo": _logo_data_uri(campaign),
        },
    )
    # Everything the poster shows is inside the HTML: the fetcher refuses any URL but data:,
    # so that rendering never reaches the network or the file system.
    fetcher = URLFetcher(allowed_protocols={"data"})
    return HTML(string=html, url_fetcher=fetcher).write_pdf()
