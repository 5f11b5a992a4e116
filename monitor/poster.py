"""The campaign's public link as a QR code, and the A4 poster that carries it to every location.

The poster is a tagged PDF/UA-1 (language and title set) in the project's PDF font, always one A4
page: a long organisation or campaign name makes it render again a step smaller, never a second
page.
"""

import base64
import io
import mimetypes

import segno
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from monitor.models import Campaign

# At least medium error correction (segno raises it when that costs no size): the code still
# scans with a corner torn off or a pin through it.
QR_ERROR_CORRECTION = "m"
# The poster's layouts from the roomiest to the most compact (classes in monitor/poster.html).
FIT_STEPS = ("", "fit-1", "fit-2", "fit-3")
PDF_VARIANT = "pdf/ua-1"


def download_name(campaign: Campaign, kind: str, extension: str) -> str:
    """The file name a download gets: what it is and which campaign, e.g.
    poster-monitor-werk-en-mantelzorg-2026.pdf (ASCII, so every browser keeps it)."""
    name = slugify(campaign.title)[:80].strip("-") or f"campaign-{campaign.pk}"
    return f"{kind}-{name}.{extension}"


def attachment(response, filename: str):
    """Make the response a download under `filename` instead of a page in the tab."""
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


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
    """The A4 poster inviting employees to respond, with the QR code, the short link and the
    opening and closing dates: one page, in the first layout of FIT_STEPS that fits on one."""
    # Imported here: WeasyPrint takes a while to load, and only this download needs it.
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    context = {
        "campaign": campaign,
        "organisation": campaign.organisation,
        "url": url,
        "display_url": url.split("://", 1)[-1],
        "qr_svg": qr_svg(url, scale=10, title=_("QR code for %(url)s") % {"url": url}),
        "logo": _logo_data_uri(campaign),
    }
    # Everything the poster shows is inside the HTML: the fetcher refuses any URL but data:,
    # so that rendering never reaches the network or the file system.
    fetcher = URLFetcher(allowed_protocols={"data"})
    for fit in FIT_STEPS:
        html = render_to_string("monitor/poster.html", {**context, "fit": fit})
        document = HTML(string=html, url_fetcher=fetcher).render(pdf_variant=PDF_VARIANT)
        if len(document.pages) == 1:
            break
    # The most compact layout holds the longest names the fields allow (tests/monitor/test_poster).
    return document.write_pdf(pdf_variant=PDF_VARIANT)
