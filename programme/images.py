"""Uploaded images, checked by their pixels and not only by their bytes.

A PNG of a few dozen bytes can declare a picture of billions of pixels (a "decompression bomb"),
and a 17 KB one of 144 megapixels made every letter and poster take seconds and hundreds of
megabytes to render. So every uploaded image is opened here once, by its header only, and refused
with a clear error above IMAGE_MAX_PIXELS. A logo is then scaled down to at most LOGO_MAX_SIDE
pixels on its longest side, which still prints sharp at letterhead size. Both happen in the
model field (LogoField), so the admin, the shell and the organisation form obey them alike.
"""

import io
import mimetypes
import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

# Larger than any photo or scan an HR advisor would upload (a 24-megapixel camera), and small
# enough that decoding it stays in the order of 100 MB.
IMAGE_MAX_PIXELS = 25_000_000
LOGO_MAX_SIDE = 1000

# Formats a logo may have, with the extension it is stored under.
LOGO_FORMATS = {"PNG": "png", "JPEG": "jpg"}


@dataclass(frozen=True)
class ImageInfo:
    format: str | None
    width: int
    height: int


def _too_many_pixels(width: int | None = None, height: int | None = None) -> ValidationError:
    if width and height:
        return ValidationError(
            _(
                "The image is %(width)s × %(height)s pixels, more than the %(limit)s megapixels "
                "that can be processed. Make it smaller and try again."
            ),
            code="image_too_many_pixels",
            params={"width": width, "height": height, "limit": IMAGE_MAX_PIXELS // 1_000_000},
        )
    return ValidationError(
        _(
            "The image has far more pixels than can be processed (more than %(limit)s "
            "megapixels). Make it smaller and try again."
        ),
        code="image_too_many_pixels",
        params={"limit": IMAGE_MAX_PIXELS // 1_000_000},
    )


def image_check(file) -> ImageInfo:
    """The image's format and size from its header, after checking it is whole and not too large.

    Raises ValidationError for an image of more than IMAGE_MAX_PIXELS (without decoding it) and
    for a file Pillow cannot read; the file is rewound either way.
    """
    try:
        file.seek(0)
        with warnings.catch_warnings():
            # Pillow warns above its own, higher limit; ours is checked just below.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(file) as image:
                info = ImageInfo(image.format, *image.size)
                if info.width * info.height > IMAGE_MAX_PIXELS:
                    raise _too_many_pixels(info.width, info.height)
                image.verify()
    except Image.DecompressionBombError:
        raise _too_many_pixels() from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise ValidationError(
            _("The file is not an image that can be read."), code="image_unreadable"
        ) from None
    finally:
        file.seek(0)
    return info


def logo_check(file) -> str:
    """Check an uploaded logo; the extension it is stored under ("png" or "jpg")."""
    try:
        info = image_check(file)
    except ValidationError as error:
        if error.code == "image_unreadable":
            raise ValidationError(
                _("The logo must be a PNG or JPEG image."), code="logo_format"
            ) from None
        raise
    if info.format not in LOGO_FORMATS:
        raise ValidationError(_("The logo must be a PNG or JPEG image."), code="logo_format")
    return LOGO_FORMATS[info.format]


def logo_prepare(file) -> tuple[str, ContentFile | object]:
    """The logo as it is stored: checked, and scaled down when its longest side exceeds
    LOGO_MAX_SIDE. Returns its extension and the content (the file itself when it is small)."""
    extension = logo_check(file)
    with Image.open(file) as image:
        if max(image.size) <= LOGO_MAX_SIDE:
            file.seek(0)
            return extension, file
        image_format = image.format
        if image_format == "JPEG":
            image.draft("RGB", (LOGO_MAX_SIDE, LOGO_MAX_SIDE))  # decode at a reduced scale
        image = ImageOps.exif_transpose(image)
        image.thumbnail((LOGO_MAX_SIDE, LOGO_MAX_SIDE), Image.Resampling.LANCZOS)
        output = io.BytesIO()
        if image_format == "JPEG":
            if image.mode not in ("RGB", "L", "CMYK"):
                image = image.convert("RGB")
            image.save(output, "JPEG", quality=90, optimize=True)
        else:
            image.save(output, "PNG", optimize=True)
    file.seek(0)
    return extension, ContentFile(output.getvalue())


class LogoFieldFile(FieldFile):
    def save(self, name, content, save=True):
        # Every way of storing a logo passes here: a form's or the admin's upload when the
        # instance is saved, and logo.save() in the shell or the demo.
        extension, content = logo_prepare(content)
        stem = name.rsplit("/", 1)[-1].rsplit(".", 1)[0] or "logo"
        super().save(f"{stem}.{extension}", content, save)

    save.alters_data = True


def _validate_logo(value) -> None:
    # A new upload still to be stored; a logo already stored was checked when it was.
    if value and not getattr(value, "_committed", True):
        logo_check(value.file)


class LogoField(models.FileField):
    """A FileField for logos: a PNG or JPEG within the pixel limit, scaled down when large."""

    attr_class = LogoFieldFile
    default_validators = [_validate_logo]

    def deconstruct(self):
        # The column is an ordinary file field's; the checks are behaviour, not schema, so the
        # migrations keep describing it as one.
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.FileField", args, kwargs


def logo_response(organisation, *, cache_control: str | None = None) -> FileResponse:
    """The organisation's logo as a download, for every page that shows it (members, the
    public profile, the monitor's header). 404 without a logo, for a type the upload never
    stores, or when the file is gone from storage."""
    logo = organisation.logo
    content_type = mimetypes.guess_type(logo.name or "")[0]
    if not logo or content_type not in ("image/png", "image/jpeg"):
        raise Http404
    try:
        file = logo.open("rb")
    except OSError:
        raise Http404 from None
    response = FileResponse(file, content_type=content_type)
    if cache_control:
        response["Cache-Control"] = cache_control
    return response
