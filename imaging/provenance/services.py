"""Provenance inside Atelier: credentials from the settings, the signing hook the gpu worker calls on every output,
the report of a stored image, and the public verification of an uploaded file.

Settings are read when a function runs, never at import. Nothing here imports torch: the web process uses it.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string
from PIL import Image as PILImage

from imaging.provenance import c2pa_manifest
from imaging.provenance.c2pa_manifest import ParentImage, ProvenanceClaim, ProvenanceReport, SigningCredentials
from imaging.provenance.credentials import (
    credential_paths,
    missing_credentials,
    provenance_credentials_ensure,
    trust_anchors_pem,
    uses_dev_ca,
)
from imaging.uploads import FORMATS, UploadRejected, open_upload, sniff_format

if TYPE_CHECKING:
    from imaging.models import Image, ImageJob

logger = logging.getLogger(__name__)


class ProvenanceUnavailable(ImproperlyConfigured):
    """Signing is on but the certificate chain, the key or the callback cannot be used."""


class VerifyRejected(Exception):
    """An upload to /verify that is not an acceptable image; the message is for the person who sent it."""


# --- credentials -------------------------------------------------------------------------------------

def signing_credentials() -> SigningCredentials:
    """The signer for this process's settings. Raises ProvenanceUnavailable with the reason."""
    if uses_dev_ca() and missing_credentials():
        provenance_credentials_ensure()
    paths = credential_paths()
    try:
        chain = paths.cert_chain.read_bytes()
        callback = None
        key = None
        if settings.PROVENANCE_SIGNING_CALLBACK:
            callback = import_string(settings.PROVENANCE_SIGNING_CALLBACK)
        else:
            key = paths.private_key.read_bytes()
    except (OSError, ImportError) as exc:
        raise ProvenanceUnavailable(f"provenance signing is on but its credentials cannot be used: {exc}") from exc
    return SigningCredentials(cert_chain_pem=chain, private_key_pem=key, callback=callback,
                              trust_anchors_pem=trust_anchors_pem(), tsa_url=settings.PROVENANCE_TSA_URL or None)


# --- signing outputs -----------------------------------------------------------------------------------

def _watermarked(user_plan_slug: str, png: bytes) -> bytes:
    if user_plan_slug not in settings.PROVENANCE_WATERMARK_PLANS:
        return png
    from imaging.provenance.watermark import apply_watermark

    return apply_watermark(png, text=settings.PROVENANCE_WATERMARK_TEXT)


def image_output_sign(*, job: ImageJob, png: bytes, seed: int) -> bytes:
    """The final bytes of one output of `job`: the visible watermark (when the owner's plan has one), then the
    signed C2PA manifest. Called by the gpu worker right after encoding; nothing may re-encode the result, and
    the stored sha256 is that of the returned bytes. Raises ProvenanceUnavailable or ProvenanceError: an image
    that should be signed and is not must not be stored."""
    png = _watermarked(job.user.plan.slug, png)
    if not settings.PROVENANCE_SIGNING:
        return png
    width, height = PILImage.open(io.BytesIO(png)).size  # header only
    parent = None
    if job.source_image_id is not None and job.source_image is not None:
        with job.source_image.file.open("rb") as f:
            data = f.read()
        fmt = sniff_format(data) or "PNG"
        parent = ParentImage(data=data, mime=FORMATS[fmt], title=f"{job.source_image.pk.hex}.png")
    claim = ProvenanceClaim(
        action="edited" if parent is not None else "created",
        model=str((job.parameters or {}).get("model") or settings.IMAGE_MODEL),
        width=width, height=height, steps=job.steps, seed=seed, generator_version=settings.ATELIER_VERSION,
        mode=str(job.mode), guidance_scale=job.guidance_scale, strength=job.strength if parent else None,
        prompt=job.prompt if settings.PROVENANCE_INCLUDE_PROMPT else None, parent=parent,
        title=f"atelier-{job.pk.hex[:12]}.png",
    )
    return c2pa_manifest.sign_image(png, mime="image/png", claim=claim, signer=signing_credentials())


# --- reading ---------------------------------------------------------------------------------------------

def image_provenance_report(*, image: Image) -> ProvenanceReport:
    """The Content Credentials of a stored image, validated against the configured trust anchors. The caller
    has checked access (`image_file_get_for_user`)."""
    with image.file.open("rb") as f:
        data = f.read()
    fmt = sniff_format(data)
    if fmt is None:
        return ProvenanceReport(state="none")
    return c2pa_manifest.read_manifest(data, FORMATS[fmt], trust_anchors_pem=trust_anchors_pem())


@dataclass(frozen=True)
class VerifiedUpload:
    report: ProvenanceReport
    format: str
    width: int
    height: int
    size: int


def provenance_verify_upload(*, data: bytes, filename: str = "") -> VerifiedUpload:
    """Read the Content Credentials of any uploaded image, as uploaded (never re-encoded: that would strip them).

    The checks every upload gets come first and need no decoding: the byte size, the format from the file's own
    signature (PNG, JPEG, WebP), the extension against it, the file's end marker (truncation), and the
    dimensions from the header (decompression bombs). The pixels are never decoded. Raises VerifyRejected."""
    try:
        opened = open_upload(data, filename=filename, max_bytes=settings.IMAGE_UPLOAD_MAX_BYTES,
                             max_side=settings.IMAGE_UPLOAD_MAX_SIDE, max_pixels=settings.MODERATION_IMAGE_MAX_PIXELS)
    except UploadRejected as exc:
        raise VerifyRejected(str(exc)) from None
    opened.image.close()  # the header was all it needed
    fmt = opened.format
    report = c2pa_manifest.read_manifest(data, FORMATS[fmt], trust_anchors_pem=trust_anchors_pem())
    return VerifiedUpload(report=report, format=fmt, width=opened.width, height=opened.height, size=len(data))
