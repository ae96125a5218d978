from __future__ import annotations

import hashlib
import io
from pathlib import Path

from django.core.files.base import ContentFile
from PIL import Image as PILImage

from chatsite.accounts.models import User


def png_bytes(color: tuple[int, int, int] = (40, 120, 200), size: int = 64) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (size, size), color).save(buffer, format="PNG")
    return buffer.getvalue()


FIXTURES = Path(__file__).resolve().parent / "fixtures"


def face_photo_bytes() -> bytes:
    """A JPEG photo of a real person's face (public domain, see fixtures/README.md): uploads of it need
    consent under MODERATION_UPLOAD_FACES="consent"."""
    return (FIXTURES / "face_portrait.jpg").read_bytes()


def withheld_image(*, owner: User, prompt: str = "a quiet harbour") -> object:
    """An imaging Image withheld by the output check, as the gpu worker leaves it."""
    from imaging.models import Image

    data = png_bytes()
    image = Image(owner=owner, width=64, height=64, sha256=hashlib.sha256(data).hexdigest(), prompt=prompt,
                  moderation_state="withheld", moderation_categories=["nudity"])
    image.file.save("withheld.png", ContentFile(data), save=False)
    image.save()
    return image
