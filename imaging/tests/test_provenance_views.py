"""The public /verify page, the report endpoint behind the Content Credentials badge, and the images the app serves
(made by the real worker code) reading back as trusted."""

from __future__ import annotations

import hashlib
import io
import random
import struct
import zlib
from typing import Any

import c2pa
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image as PILImage

from chatsite.accounts.models import User
from conversations.tests.factories import ConversationFactory
from imaging import services as imaging_services
from imaging.models import Image, JobMode, JobStatus
from imaging.provenance import keys, testing
from imaging.provenance.services import image_output_sign
from imaging.tests.factories import ImageFactory, ImageJobFactory, png_bytes

pytestmark = pytest.mark.django_db
provenance_ca = testing.provenance_ca  # fixtures
provenance_settings = testing.provenance_settings


@pytest.fixture(autouse=True)
def fresh_rate_limit(settings: Any) -> None:
    settings.PROVENANCE_VERIFY_PER_MINUTE = 1000
    from django.core.cache import cache

    cache.clear()


def signed_png(user: User | None = None) -> bytes:
    job = ImageJobFactory.create(**({"user": user} if user else {}))
    return image_output_sign(job=job, png=png_bytes(64), seed=3)


def verify(client: Client, data: bytes, name: str = "image.png") -> Any:
    return client.post(reverse("provenance:verify"), {"file": SimpleUploadedFile(name, data)})


def png_with_size(width: int, height: int) -> bytes:
    """A tiny, complete PNG whose header claims `width` x `height` (a decompression bomb's shape)."""
    data = bytearray(png_bytes(8))
    ihdr = data.index(b"IHDR")
    data[ihdr + 4:ihdr + 12] = struct.pack(">II", width, height)
    data[ihdr + 17:ihdr + 21] = struct.pack(">I", zlib.crc32(bytes(data[ihdr:ihdr + 17])))
    return bytes(data)


def test_the_verify_page_opens_without_logging_in(client: Client) -> None:
    response = client.get(reverse("provenance:verify"))
    assert response.status_code == 200
    assert b'type="file"' in response.content


def test_verify_shows_an_app_image_as_valid_and_trusted(client: Client, provenance_settings: Any) -> None:
    response = verify(client, signed_png())
    assert response.status_code == 200
    text = response.content.decode()
    assert "Valid and trusted" in text
    assert "tiny-random" in text and "Atelier Development Signer" in text


def test_verify_says_when_an_image_has_no_content_credentials(client: Client, provenance_settings: Any) -> None:
    response = verify(client, png_bytes(32))
    assert response.status_code == 200
    assert "No Content Credentials" in response.content.decode()


def test_verify_shows_a_tampered_image_as_invalid(client: Client, provenance_settings: Any) -> None:
    tampered = bytearray(signed_png())
    tampered[tampered.index(b"IDAT") + 8] ^= 0xFF
    response = verify(client, bytes(tampered))
    text = response.content.decode()
    assert "Invalid" in text and "changed after it was signed" in text


def test_verify_refuses_a_file_that_is_not_an_image(client: Client, provenance_settings: Any) -> None:
    response = verify(client, b"%PDF-1.7 not an image at all", name="document.png")
    assert response.status_code == 400
    assert "This is not a PNG, JPEG or WebP image." in response.content.decode()


def test_verify_refuses_a_file_over_the_size_limit(client: Client, provenance_settings: Any) -> None:
    provenance_settings.IMAGE_UPLOAD_MAX_BYTES = 1000
    noise = io.BytesIO()
    PILImage.frombytes("RGB", (64, 64), random.Random(1).randbytes(64 * 64 * 3)).save(noise, format="PNG")
    assert len(noise.getvalue()) > 1000
    response = verify(client, noise.getvalue())
    assert response.status_code == 400
    assert "larger than" in response.content.decode()


def test_verify_refuses_a_decompression_bomb_before_decoding(client: Client, provenance_settings: Any) -> None:
    response = verify(client, png_with_size(60000, 60000))
    assert response.status_code == 400
    assert "too large" in response.content.decode()


def test_verify_refuses_a_truncated_image(client: Client, provenance_settings: Any) -> None:
    response = verify(client, signed_png()[:-30])
    assert response.status_code == 400
    assert "truncated" in response.content.decode()


def test_verify_is_rate_limited_per_address(client: Client, provenance_settings: Any) -> None:
    provenance_settings.PROVENANCE_VERIFY_PER_MINUTE = 1
    assert verify(client, png_bytes(16)).status_code == 200
    assert verify(client, png_bytes(16)).status_code == 429


# --- the badge's report --------------------------------------------------------------------------

def test_the_owner_gets_the_report_of_an_image(client: Client, user: User, provenance_settings: Any) -> None:
    image = ImageFactory.create(owner=user, data=signed_png(user))
    client.force_login(user)
    response = client.get(reverse("provenance:image", kwargs={"image_id": image.pk}))
    assert response.status_code == 200
    report = response.json()
    assert (report["state"], report["trusted"], report["software_agent"]) == ("trusted", True, "tiny-random")
    assert [a["action"] for a in report["actions"]] == ["c2pa.created"]
    assert "Valid and trusted" in report["html"]


def test_staff_get_the_report_of_any_image(client: Client, user: User, staff_user: User,
                                           provenance_settings: Any) -> None:
    image = ImageFactory.create(owner=user, data=signed_png(user))
    client.force_login(staff_user)
    assert client.get(reverse("provenance:image", kwargs={"image_id": image.pk})).json()["state"] == "trusted"


def test_another_user_gets_404_for_the_report(client: Client, user: User, other_user: User,
                                              provenance_settings: Any) -> None:
    image = ImageFactory.create(owner=user, data=signed_png(user))
    client.force_login(other_user)
    assert client.get(reverse("provenance:image", kwargs={"image_id": image.pk})).status_code == 404


def test_an_anonymous_visitor_gets_404_for_the_report(client: Client, user: User, provenance_settings: Any) -> None:
    image = ImageFactory.create(owner=user, data=signed_png(user))
    assert client.get(reverse("provenance:image", kwargs={"image_id": image.pk})).status_code == 404


# --- integrated: the worker's code signs what the app serves -----------------------------------------

def served_state(client: Client, image: Image, anchors: keys.CredentialPaths) -> str:
    response = client.get(reverse("images:file", kwargs={"image_id": image.pk}))
    assert response.status_code == 200
    data = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    assert image.sha256 == hashlib.sha256(data).hexdigest()
    context = c2pa.Context.from_dict({"verify": {"remote_manifest_fetch": False},
                                      "trust": {"trust_anchors": anchors.trust_anchors.read_text()}})
    with c2pa.Reader("image/png", io.BytesIO(data), context=context) as reader:
        return str(reader.get_validation_state())


@pytest.mark.slow
def test_every_image_the_app_serves_reads_back_as_trusted(client: Client, user: User, provenance_settings: Any,
                                                           provenance_ca: keys.CredentialPaths) -> None:
    from imaging.runner import image_job_execute

    provenance_settings.IMAGE_MODEL = "tiny-random"
    provenance_settings.IMAGE_STEPS = 2
    provenance_settings.IMAGE_PREVIEW_EVERY = 0
    conversation = ConversationFactory.create(user=user)
    job = imaging_services.image_job_create(user=user, conversation=conversation, prompt="a red lighthouse",
                                            size=256, n=2)
    assert image_job_execute(job_id=str(job.pk), worker="test") == JobStatus.SUCCEEDED
    [first, second] = Image.objects.filter(job=job).order_by("index")
    edit = imaging_services.image_job_create(user=user, conversation=conversation, prompt="make it blue", size=256,
                                             source_image=first, mode=JobMode.EDIT)
    assert image_job_execute(job_id=str(edit.pk), worker="test") == JobStatus.SUCCEEDED
    [edited] = Image.objects.filter(job=edit)
    client.force_login(user)
    assert [served_state(client, image, provenance_ca) for image in (first, second, edited)] == ["Trusted"] * 3
    ingredient = client.get(reverse("provenance:image", kwargs={"image_id": edited.pk})).json()["ingredients"][0]
    assert ingredient["sha256"] == first.sha256


def test_verify_reads_a_signed_jpeg_as_trusted(client: Client, provenance_settings: Any,
                                               provenance_ca: keys.CredentialPaths) -> None:
    from imaging.provenance.c2pa_manifest import ProvenanceClaim, SigningCredentials, sign_image

    jpeg = io.BytesIO()
    PILImage.new("RGB", (48, 48), (10, 120, 40)).save(jpeg, format="JPEG")
    claim = ProvenanceClaim(action="created", model="tiny-random", width=48, height=48, steps=2, seed=1,
                            generator_version="test")
    credentials = SigningCredentials(cert_chain_pem=provenance_ca.cert_chain.read_bytes(),
                                     private_key_pem=provenance_ca.private_key.read_bytes())
    response = verify(client, sign_image(jpeg.getvalue(), mime="image/jpeg", claim=claim, signer=credentials),
                      name="photo.jpg")
    assert "Valid and trusted" in response.content.decode()


def test_verify_says_valid_but_untrusted_for_another_ca(client: Client, provenance_settings: Any,
                                                        tmp_path: Any) -> None:
    stranger = keys.ensure_dev_credentials(tmp_path / "stranger")[0]
    provenance_settings.PROVENANCE_CERT_CHAIN = str(stranger.cert_chain)
    provenance_settings.PROVENANCE_PRIVATE_KEY = str(stranger.private_key)
    data = signed_png()  # signed by the stranger's CA; the site still trusts only the session's CA
    text = verify(client, data).content.decode()
    assert "Valid, but signed by a certificate this site does not trust." in text
    assert "Valid and trusted" not in text
