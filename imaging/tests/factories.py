from __future__ import annotations

import hashlib
import io
from typing import Any

import factory
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image as PILImage

from chatsite.accounts.tests.factories import UserFactory
from imaging.models import Image, ImageJob, JobMode, JobStatus


def png_bytes(size: int = 64, color: tuple[int, int, int] = (200, 30, 30)) -> bytes:
    out = io.BytesIO()
    PILImage.new("RGB", (size, size), color).save(out, format="PNG")
    return out.getvalue()


def face_png(size: int = 256) -> bytes:
    """A drawn cartoon face (oval, brows, eyes, nose, mouth, blurred) that OpenCV's frontal-face Haar cascade, the
    detector moderation runs on uploads, takes for a face at 128 to 400 pixels. No real person's likeness, so no
    consent or licence question for the test suite itself; a plain picture of the same size holds no face."""
    from PIL import ImageDraw, ImageFilter

    picture = PILImage.new("RGB", (size, size), (200, 205, 210))
    draw = ImageDraw.Draw(picture)
    scale = size / 256

    def box(*values: float) -> list[float]:
        return [v * scale for v in values]

    draw.ellipse(box(58, 30, 198, 220), fill=(224, 180, 150))  # face
    draw.rectangle(box(78, 78, 118, 86), fill=(70, 50, 40))  # brows
    draw.rectangle(box(138, 78, 178, 86), fill=(70, 50, 40))
    draw.ellipse(box(84, 96, 114, 114), fill=(40, 30, 30))  # eyes
    draw.ellipse(box(142, 96, 172, 114), fill=(40, 30, 30))
    draw.polygon([(128 * scale, 112 * scale), (118 * scale, 150 * scale), (138 * scale, 150 * scale)],
                 fill=(200, 150, 125))  # nose
    draw.ellipse(box(100, 165, 156, 185), fill=(150, 70, 70))  # mouth
    out = io.BytesIO()
    picture.filter(ImageFilter.GaussianBlur(3 * scale)).save(out, format="PNG")
    return out.getvalue()


class ImageJobFactory(factory.django.DjangoModelFactory[ImageJob]):
    class Meta:
        model = ImageJob

    user = factory.SubFactory(UserFactory)
    conversation = None
    mode = JobMode.GENERATE
    status = JobStatus.QUEUED
    prompt = factory.Sequence(lambda n: f"a lighthouse at dusk, number {n}")
    size = 256
    n = 1
    seed = 42
    steps = 4
    guidance_scale = 5.0
    priority = 0
    quota_day = factory.LazyFunction(lambda: timezone.now().date())


class ImageFactory(factory.django.DjangoModelFactory[Image]):
    class Meta:
        model = Image
        skip_postgeneration_save = True

    owner = factory.SubFactory(UserFactory)
    job = None
    conversation = None
    width = 64
    height = 64
    prompt = factory.Sequence(lambda n: f"a red square number {n}")
    seed = 7

    @classmethod
    def _create(cls, model_class: type[Image], *args: Any, **kwargs: Any) -> Image:
        data = kwargs.pop("data", None) or png_bytes(kwargs.get("width", 64))
        image = model_class(**kwargs)
        image.sha256 = hashlib.sha256(data).hexdigest()
        image.file.save(f"{image.pk.hex}.png", ContentFile(data), save=False)
        image.save()
        return image
