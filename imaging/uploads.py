"""Checks on uploaded images (and drawn masks), before anything is decoded. Free of Django.

Order matters: the byte size first, then the file's own signature (never its name or the declared type), then
the structure's end marker (a truncated file is refused before decoding), then the dimensions from the header
(a decompression bomb is refused before its pixels exist), and only then one decode, restricted to the three
accepted formats. The result is re-encoded as PNG, without metadata. Messages go through Django's translation.
`open_upload` holds the checks before decoding, for every interface that takes an image file (uploads to edit,
drawn masks, the public /verify page, which never decodes the pixels).
"""

from __future__ import annotations

import io
import struct
from dataclasses import dataclass

from django.utils.translation import gettext as _
from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp"}
EXTENSIONS = {"png": "PNG", "jpg": "JPEG", "jpeg": "JPEG", "webp": "WEBP"}
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_END = b"\x00\x00\x00\x00IEND\xaeB`\x82"


class UploadRejected(Exception):
    """The message is plain words for the person who uploaded the file."""


@dataclass(frozen=True)
class CheckedImage:
    png: bytes
    width: int
    height: int
    source_format: str


def sniff_format(data: bytes) -> str | None:
    """The format named by the file's first bytes, or None."""
    if data.startswith(PNG_SIGNATURE):
        return "PNG"
    if data.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    return None


def is_complete(data: bytes, fmt: str) -> bool:
    """Whether the file ends where its own structure says it does (cheap: no decoding)."""
    if fmt == "PNG":
        return PNG_END in data[-64:]
    if fmt == "JPEG":
        # Some encoders pad after the end-of-image marker; accept a little trailing padding.
        return b"\xff\xd9" in data[-64:]
    if fmt == "WEBP":
        (riff_size,) = struct.unpack("<I", data[4:8])
        return len(data) >= riff_size + 8
    return False


def too_large(max_side: int) -> str:
    return _("The image is too large: at most %(side)d pixels a side.") % {"side": max_side}


@dataclass(frozen=True)
class OpenedUpload:
    """An upload that passed every check before decoding: `image` has read its header only."""

    image: Image.Image
    format: str
    width: int
    height: int


def open_upload(
    data: bytes,
    *,
    filename: str = "",
    max_bytes: int = 4 * 1024 * 1024,
    max_side: int = 4096,
    max_pixels: int | None = None,
) -> OpenedUpload:
    """The byte size, the format from the file's own signature, the extension against it, the end marker
    (truncation), then the header's dimensions (decompression bombs), with no pixel decoded. Raises
    UploadRejected; the caller decodes (`image.load()`) or only reads metadata, and closes the image."""
    megabytes = max_bytes / (1024 * 1024)
    if len(data) == 0:
        raise UploadRejected(_("The file is empty."))
    if len(data) > max_bytes:
        raise UploadRejected(_("The file is larger than %(size)s MB.") % {"size": f"{megabytes:g}"})
    fmt = sniff_format(data)
    if fmt is None:
        raise UploadRejected(_("This is not a PNG, JPEG or WebP image."))
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension and EXTENSIONS.get(extension) != fmt:
        raise UploadRejected(
            _("The file is named .%(extension)s but holds a %(format)s image: rename it or export it again.")
            % {"extension": extension, "format": fmt}
        )
    if not is_complete(data, fmt):
        raise UploadRejected(_("The file is truncated: upload it again."))
    try:
        # formats= restricts Pillow to the sniffed format's decoder; opening reads only the header.
        image = Image.open(io.BytesIO(data), formats=[fmt])
        width, height = image.size
    except Image.DecompressionBombError:
        raise UploadRejected(too_large(max_side)) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, struct.error):
        raise UploadRejected(_("The image could not be read: it may be damaged.")) from None
    too_many_pixels = max_pixels is not None and width * height > max_pixels
    if not (1 <= width <= max_side and 1 <= height <= max_side) or too_many_pixels:
        image.close()
        raise UploadRejected(too_large(max_side))
    return OpenedUpload(image=image, format=fmt, width=width, height=height)


def check_image(
    data: bytes,
    *,
    filename: str = "",
    max_bytes: int = 4 * 1024 * 1024,
    max_side: int = 4096,
) -> CheckedImage:
    """Validate an uploaded PNG, JPEG or WebP image and return it as a clean RGB PNG. Raises UploadRejected."""
    opened = open_upload(data, filename=filename, max_bytes=max_bytes, max_side=max_side)
    image, fmt = opened.image, opened.format
    if ImageFile.LOAD_TRUNCATED_IMAGES:  # a process-wide switch; this check relies on its default
        raise RuntimeError("PIL.ImageFile.LOAD_TRUNCATED_IMAGES must stay False")
    try:
        image.load()  # the one decode, of at most max_side x max_side pixels
        clean = ImageOps.exif_transpose(image).convert("RGB")
    except Image.DecompressionBombError:
        raise UploadRejected(too_large(max_side)) from None
    except (OSError, SyntaxError, ValueError, struct.error):
        raise UploadRejected(_("The file is truncated or damaged: upload it again.")) from None
    out = io.BytesIO()
    clean.save(out, format="PNG")
    return CheckedImage(png=out.getvalue(), width=clean.width, height=clean.height, source_format=fmt)
