"""The images, moderations and models endpoints through the official `openai` client, against a live Daphne server
and a real gpu worker running the tiny-random model; and every error shape the client sees."""

from __future__ import annotations

import base64
import io
import os
import subprocess
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import openai
import pytest
from PIL import Image as PILImage

from chatsite.accounts.models import DailyUsage, UsageEntry, User
from chatsite.accounts.services import api_key_create, api_key_revoke
from chatsite.accounts.tests.factories import UserFactory
from chatsite.api.tests.conftest import half_transparent_mask, openai_client, png_bytes, running_daphne
from conftest import BIN
from imaging.models import Image, ImageJob, JobMode, JobStatus
from imaging.provenance.c2pa_manifest import read_manifest
from moderation.models import Decision
from moderation.tests.factories import face_photo_bytes

pytestmark = [pytest.mark.slow]


def fetch(url: str) -> tuple[int, bytes, dict[str, str]]:
    """GET without any credentials (no key, no cookie)."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - loopback test URL
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read(), dict(exc.headers)


def decoded(data: bytes) -> PILImage.Image:
    picture = PILImage.open(io.BytesIO(data), formats=["PNG"])
    picture.load()
    return picture


def body_of(error: openai.APIStatusError) -> dict[str, Any]:
    assert isinstance(error.body, dict)
    return error.body


def used_today(user: User) -> int:
    return sum(DailyUsage.objects.filter(user=user).values_list("used", flat=True))


# --- images ----------------------------------------------------------------------------------------------

def test_generate_answers_a_signed_url_to_a_signed_png(oai: Any, api_account: tuple[User, str]) -> None:
    user, _key = api_account
    result = oai.images.generate(prompt="a red lighthouse on a cliff", size="256x256", response_format="url")
    assert len(result.data) == 1 and result.created > 0
    url = result.data[0].url
    assert url.startswith("http://127.0.0.1:") and "/v1/images/files/" in url
    status, data, headers = fetch(url)
    assert status == 200 and headers["Content-Type"] == "image/png"
    picture = decoded(data)
    assert picture.size == (256, 256)
    assert read_manifest(data, "image/png").state in ("valid", "trusted")  # C2PA, as the UI's images
    image = Image.objects.get(owner=user)
    assert image.job is not None and image.job.conversation is None
    assert used_today(user) == 1
    assert UsageEntry.objects.get(user=user).images == 1


def test_generate_answers_b64_json_pngs(oai: Any) -> None:
    result = oai.images.generate(prompt="two green apples", size="256x256", n=2, response_format="b64_json")
    assert len(result.data) == 2
    for item in result.data:
        assert item.url is None
        assert decoded(base64.b64decode(item.b64_json)).size == (256, 256)


def test_generate_takes_atelier_extras(oai: Any, api_account: tuple[User, str]) -> None:
    oai.images.generate(prompt="a blue boat", size="256x256", response_format="b64_json",
                        extra_body={"seed": 1234, "steps": 3, "negative_prompt": "fog"})
    job = ImageJob.objects.get(user=api_account[0])
    assert (job.seed, job.steps, job.negative_prompt, job.status) == (1234, 3, "fog", JobStatus.SUCCEEDED)


def test_edit_with_a_mask_repaints_its_transparent_pixels(oai: Any, api_account: tuple[User, str]) -> None:
    result = oai.images.edit(image=("photo.png", png_bytes(64), "image/png"),
                             mask=("mask.png", half_transparent_mask(64), "image/png"),
                             prompt="a yellow sun", size="256x256", response_format="b64_json")
    assert decoded(base64.b64decode(result.data[0].b64_json)).size == (256, 256)
    job = ImageJob.objects.get(user=api_account[0])
    assert job.mode == JobMode.INPAINT and job.source_image is not None
    with job.mask.open("rb") as handle:
        mask = PILImage.open(io.BytesIO(handle.read())).convert("L")
    assert mask.getpixel((60, 10)) == 255  # transparent in OpenAI's mask: repaint
    assert mask.getpixel((3, 10)) == 0  # opaque: keep


def test_edit_accepts_a_list_of_images_and_edits_the_whole_image_without_mask(
    oai: Any, api_account: tuple[User, str]
) -> None:
    result = oai.images.edit(image=[("photo.png", png_bytes(64), "image/png")], prompt="make it blue",
                             size="256x256")
    assert fetch(result.data[0].url)[0] == 200
    assert ImageJob.objects.get(user=api_account[0]).mode == JobMode.EDIT


def test_create_variation_makes_new_images_from_an_upload(oai: Any, api_account: tuple[User, str]) -> None:
    result = oai.images.create_variation(image=("photo.png", png_bytes(64), "image/png"), n=1, size="256x256",
                                         response_format="b64_json")
    assert decoded(base64.b64decode(result.data[0].b64_json)).size == (256, 256)
    job = ImageJob.objects.get(user=api_account[0])
    assert job.mode == JobMode.VARIATION and job.source_image is not None


def test_streaming_sends_partial_images_then_the_completed_image(oai: Any) -> None:
    events = list(oai.images.generate(prompt="a castle at dusk", size="256x256", stream=True, partial_images=2,
                                      extra_body={"steps": 40}))
    kinds = [event.type for event in events]
    assert kinds[-1] == "image_generation.completed"
    partials = [event for event in events if event.type == "image_generation.partial_image"]
    assert 1 <= len(partials) <= 2
    assert [p.partial_image_index for p in partials] == list(range(len(partials)))
    assert decoded(base64.b64decode(partials[0].b64_json)).size == (256, 256)
    assert decoded(base64.b64decode(events[-1].b64_json)).size == (256, 256)


# --- photos of real people: consent (the Grace Hopper portrait, public domain) -------------------------------

def edit_or_vary(client: Any, operation: str, **options: Any) -> Any:
    photo = ("hopper.jpg", face_photo_bytes(), "image/jpeg")
    if operation == "edit":
        return client.images.edit(image=photo, prompt="make the background blue", size="256x256", **options)
    return client.images.create_variation(image=photo, size="256x256", **options)


@pytest.mark.parametrize("operation", ["edit", "variation"])
def test_a_face_photo_without_consent_is_a_400_consent_required_that_says_how_to_confirm(
    oai: Any, api_account: tuple[User, str], operation: str
) -> None:
    user = api_account[0]
    with pytest.raises(openai.BadRequestError) as caught:
        edit_or_vary(oai, operation)
    assert caught.value.code == "consent_required"
    assert body_of(caught.value)["param"] == "image"
    assert caught.value.type == "invalid_request_error"
    assert "face_consent=true" in body_of(caught.value)["message"]
    assert not Image.objects.filter(owner=user).exists()  # the photo is not kept
    assert not ImageJob.objects.filter(user=user).exists() and used_today(user) == 0
    assert Decision.objects.get(user=user).action == "consent_needed"


@pytest.mark.parametrize(("operation", "mode"), [("edit", JobMode.EDIT), ("variation", JobMode.VARIATION)])
def test_face_consent_confirms_like_the_chat_and_the_photo_is_edited(
    oai: Any, api_account: tuple[User, str], operation: str, mode: JobMode
) -> None:
    user = api_account[0]
    result = edit_or_vary(oai, operation, response_format="b64_json", extra_body={"face_consent": True})
    assert decoded(base64.b64decode(result.data[0].b64_json)).size == (256, 256)
    job = ImageJob.objects.get(user=user)
    assert job.mode == mode and job.status == JobStatus.SUCCEEDED and used_today(user) == 1
    source = job.source_image
    assert source is not None and source.consent_required and source.consent_confirmed_at is not None
    # Recorded as the chat's "Confirm consent" records it: the face seen, then allowed with the confirmation.
    first, confirmed = Decision.objects.filter(user=user, stage="upload").order_by("pk")
    assert (first.action, first.category) == ("consent_needed", "real_person")
    assert confirmed.action == "allowed" and confirmed.scores["consent_confirmed"] is True


def test_face_consent_changes_nothing_for_a_photo_without_a_face(oai: Any, api_account: tuple[User, str]) -> None:
    result = oai.images.create_variation(image=("photo.png", png_bytes(64), "image/png"), size="256x256",
                                         extra_body={"face_consent": True})
    assert fetch(result.data[0].url)[0] == 200
    source = ImageJob.objects.get(user=api_account[0]).source_image
    assert source is not None and not source.consent_required and source.consent_confirmed_at is None


def test_face_photos_are_refused_even_with_consent_when_the_settings_refuse_them(
    api_account: tuple[User, str], tmp_path: Path
) -> None:
    user, key = api_account
    # The refusal comes before any job: a server of its own with the other setting, no worker needed.
    with running_daphne(tmp_path / "daphne.log", {"MODERATION_UPLOAD_FACES": "refuse"}) as url:
        client = openai_client(url, key)
        for operation, options in [("edit", {}), ("variation", {"extra_body": {"face_consent": True}})]:
            with pytest.raises(openai.BadRequestError) as caught:
                edit_or_vary(client, operation, **options)
            assert caught.value.code == "content_policy_violation"
            assert body_of(caught.value)["param"] == "image"
            assert "real person" in body_of(caught.value)["message"]
    assert not Image.objects.filter(owner=user).exists() and used_today(user) == 0
    assert set(Decision.objects.filter(user=user).values_list("action", flat=True)) == {"blocked"}


# --- moderations and models ---------------------------------------------------------------------------------

def test_moderations_flag_a_harmful_text_in_openai_shape(oai: Any, api_account: tuple[User, str]) -> None:
    result = oai.moderations.create(input=["a watercolour of a quiet harbour",
                                           "a graphic image of a man being tortured, blood and gore everywhere",
                                           "голая женщина на пляже"])
    benign, harmful, unreadable = result.results
    assert result.id.startswith("modr-") and result.model == "atelier-moderation"
    assert benign.flagged is False and not any(benign.categories.model_dump(by_alias=True).values())
    assert harmful.flagged is True
    assert harmful.categories.violence is True
    assert harmful.category_applied_input_types.violence == ["text"]
    assert 0.0 <= benign.category_scores.violence <= 1.0
    # A text the filters cannot read (Cyrillic) is flagged under Atelier's own area, as the image API refuses it.
    assert unreadable.flagged is True
    assert unreadable.categories.model_dump(by_alias=True)["unreadable-language"] is True
    assert Decision.objects.filter(user=api_account[0]).count() == 3


def test_models_lists_the_image_and_chat_models(oai: Any) -> None:
    ids = {model.id for model in oai.models.list()}
    assert ids == {"atelier-image", "atelier-chat"}
    assert oai.models.retrieve("atelier-image").owned_by == "atelier"


# --- errors ---------------------------------------------------------------------------------------------------

def test_a_bad_key_raises_authentication_error(api_server: str, api_account: tuple[User, str]) -> None:
    user, key = api_account
    api_key_revoke(user=user, key_id=user.api_keys.get().pk)
    for raw in (key, "atl_wrong"):
        with pytest.raises(openai.AuthenticationError) as caught:
            openai_client(api_server, raw).models.list()
        assert caught.value.code == "invalid_api_key"


def test_a_refused_prompt_is_a_content_policy_violation_and_charges_nothing(
    oai: Any, api_account: tuple[User, str]
) -> None:
    with pytest.raises(openai.BadRequestError) as caught:
        oai.images.generate(prompt="a graphic image of a man being tortured, blood and gore everywhere",
                            size="256x256")
    assert caught.value.status_code == 400
    assert caught.value.code == "content_policy_violation"
    assert caught.value.type == "invalid_request_error"
    assert not ImageJob.objects.filter(user=api_account[0]).exists()
    assert used_today(api_account[0]) == 0


def test_an_exhausted_quota_is_a_rate_limit_error_with_headers(api_server: str, transactional_db: None) -> None:
    user = UserFactory.create(plan="free")  # 3 images a day
    client = openai_client(api_server, api_key_create(user=user, name="k").raw)
    client.images.generate(prompt="a small cat", size="256x256", n=2, response_format="b64_json")
    with pytest.raises(openai.RateLimitError) as caught:
        client.images.generate(prompt="a small dog", size="256x256", n=2)
    headers = caught.value.response.headers
    assert caught.value.code == "rate_limit_exceeded"
    assert headers["x-ratelimit-limit-requests"] == "3"
    assert headers["x-ratelimit-remaining-requests"] == "1"
    assert headers["x-ratelimit-reset-requests"][-1] == "s"
    assert int(headers["retry-after"]) > 0
    assert used_today(user) == 2


def test_an_oversized_upload_is_a_413(oai: Any, api_account: tuple[User, str], settings: Any) -> None:
    big = png_bytes(64) + b"\x00" * (settings.IMAGE_UPLOAD_MAX_BYTES + 1)
    with pytest.raises(openai.APIStatusError) as caught:
        oai.images.edit(image=("big.png", big, "image/png"), prompt="anything")
    assert caught.value.status_code == 413
    assert body_of(caught.value)["param"] == "image"
    assert not Image.objects.filter(owner=api_account[0]).exists()


@pytest.mark.parametrize(("params", "param"), [
    ({"size": "300x300"}, "size"),
    ({"size": "256x512"}, "size"),
    ({"n": 0}, "n"),
    ({"response_format": "gif"}, "response_format"),
    ({"prompt": ""}, None),
    ({"extra_body": {"steps": 0}}, "steps"),
])
def test_invalid_parameters_are_400_not_422(oai: Any, api_account: tuple[User, str], params: dict[str, Any],
                                            param: str | None) -> None:
    arguments = {"prompt": "a tree", "size": "256x256", **params}
    with pytest.raises(openai.BadRequestError) as caught:
        oai.images.generate(**arguments)
    assert caught.value.status_code == 400
    assert body_of(caught.value)["param"] == param
    assert not ImageJob.objects.filter(user=api_account[0]).exists()


def test_an_unknown_model_is_not_found(oai: Any) -> None:
    with pytest.raises(openai.NotFoundError) as caught:
        oai.images.generate(prompt="a tree", model="stable-diffusion-99", size="256x256")
    assert caught.value.code == "model_not_found"


def test_an_edit_mask_without_transparency_is_refused_and_stores_nothing(
    oai: Any, api_account: tuple[User, str]
) -> None:
    with pytest.raises(openai.BadRequestError) as caught:
        oai.images.edit(image=("photo.png", png_bytes(64), "image/png"),
                        mask=("mask.png", png_bytes(64), "image/png"), prompt="a sun")
    assert body_of(caught.value)["param"] == "mask"
    assert not Image.objects.filter(owner=api_account[0]).exists()


def test_image_urls_of_forged_or_expired_signatures_are_refused(oai: Any, api_account: tuple[User, str],
                                                                  api_server: str) -> None:
    url = oai.images.generate(prompt="a pear", size="256x256").data[0].url
    other = Image.objects.exclude(pk=Image.objects.get(owner=api_account[0]).pk).first()
    forged_id = (other.pk.hex if other else "0" * 32)
    token = url.rsplit("/", 1)[1]
    _hex, timestamp, signature = token.split(":")
    assert fetch(url.replace(token, f"{forged_id}:{timestamp}:{signature}"))[0] == 404
    assert fetch(url[:-2] + ("xy" if not url.endswith("xy") else "zz"))[0] == 404
    assert fetch(f"{api_server}/v1/images/files/nothing")[0] == 404



# --- the OpenAPI document --------------------------------------------------------------------------------------

# Every check on the responses; not `positive_data_acceptance`: rules across fields (a `tool` message must answer
# a call, `stream_options` needs `stream`) refuse bodies whose fields each match the schema, with a 400.
ST_CHECKS = ("not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,"
             "response_schema_conformance,negative_data_rejection")


def schemathesis_run(api_server: str, key: str, cwd: Path, *options: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SCHEMATHESIS_HOOKS": str(Path(__file__).with_name("schemathesis_hooks.py"))}
    return subprocess.run(
        [str(BIN / "st"), "run", f"{api_server}/v1/openapi.json", "--checks", ST_CHECKS,
         "--header", f"Authorization: Bearer {key}", "--seed", "1", "--request-timeout", "120", "--workers", "1",
         "--no-color", *options],
        capture_output=True, text=True, timeout=420, cwd=cwd, env=env,
    )


def test_schemathesis_finds_no_server_error_nor_schema_violation(
    api_server: str, transactional_db: None, tmp_path: Path
) -> None:
    """Fuzz every operation of /v1/openapi.json (a free account: 3 images a day, so most image requests soon answer
    429 and the worker stays cheap): the coverage phase on all of them, then random bodies for chat completions,
    answered by the worker's scripted model. Every answer must be documented and match its schema, streamed
    chunks included, and every body that breaks the schema must be refused."""
    user = UserFactory.create(plan="free")
    key = api_key_create(user=user, name="fuzz").raw
    result = schemathesis_run(api_server, key, tmp_path, "--phases", "coverage", "--max-examples", "3")
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert " passed" in result.stdout and "Selected: 8/8" in result.stdout
    result = schemathesis_run(api_server, key, tmp_path, "--phases", "fuzzing", "--max-examples", "40",
                              "--include-path", "/v1/chat/completions")
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert "Selected: 1/8" in result.stdout
    # The fuzzed bodies reached moderation (not only validation), and the same worker answers a plain request.
    assert Decision.objects.filter(user=user, stage="message").exists()
    answer = openai_client(api_server, key).chat.completions.create(
        model="atelier-chat", messages=[{"role": "user", "content": "Say something"}])
    assert answer.choices[0].message.content == "(the script has no more turns)"
