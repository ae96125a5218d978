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
