"""POST /v1/images/generations, /v1/images/edits, /v1/images/variations, and the signed image URLs they hand out.

Each request goes through `imaging.services.image_job_create` (validation, prompt moderation, the owner's
daily quota, queueing on the gpu workers) and then waits for its job by polling the row with backoff: API jobs
belong to no conversation, so no channel-layer event is published for them. A wait longer than
API_IMAGE_WAIT_SECONDS, or a client that goes away, cancels the job (the service refunds it). With
`stream: true` the answer is server-sent events: `image_generation.partial_image` from the worker's live
previews, then one `image_generation.completed` per image.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import functools
import io
import json
import logging
import time
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

from asgiref.sync import sync_to_async
from django.conf import settings
from django.core import signing
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse, HttpRequest, HttpResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import ValidationError as NinjaValidationError
from PIL import Image as PILImage
from pydantic import Field, ValidationError, field_validator

from chatsite.accounts.models import User
from chatsite.api.auth import api_user
from chatsite.api.catalog import IMAGE_MODEL_ID
from chatsite.api.errors import SERVER, ApiError
from chatsite.api.schemas import error_openapi, error_responses
from imaging.errors import ContentPolicy
from imaging.models import TERMINAL_STATUSES, VISIBLE_STATES, Image, ImageJob, JobMode, JobStatus
from imaging.services import image_job_cancel, image_job_create, image_upload_consent_confirm, image_upload_create
from imaging.uploads import UploadRejected, check_image

logger = logging.getLogger(__name__)
T = TypeVar("T")

router = Router(tags=["images"])

# Names other OpenAI-compatible clients send; they all mean Atelier's image model.
IMAGE_MODEL_ALIASES = frozenset({IMAGE_MODEL_ID, "dall-e-2", "dall-e-3", "gpt-image-1", "gpt-image-1-mini"})
URL_SALT = "atelier.api.image-url"
# A variation has no prompt of its own; this one is never shown to people.
VARIATION_PROMPT = "a variation of this image"
POLL_FIRST_S, POLL_MAX_S = 0.05, 0.5
MULTIPART_SLACK = 1024 * 1024  # form fields and boundaries on top of the two files


# --- schemas -------------------------------------------------------------------------------------------

def _clean_text(value: str | None) -> str | None:
    """Text PostgreSQL can store: no NUL characters, no lone surrogates."""
    if value is None:
        return None
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("must be valid Unicode text") from None
    return value


class ImageOptions(Schema):
    """What generations, edits and variations share."""

    model: str | None = Field(None, description=f"`{IMAGE_MODEL_ID}` (the default; DALL-E and GPT image model "
                                                "names are accepted as aliases).")
    n: int | None = Field(1, ge=1, le=10, description="Number of images (at most your plan's limit per request).")
    size: str | None = Field(None, pattern=r"^(auto|\d{1,5}x\d{1,5})$", examples=["256x256", "512x512"],
                             description="Square sizes: 256x256, 512x512 or 1024x1024 (up to your plan's largest). "
                                         "Default: 512x512 or your plan's largest if smaller.")
    response_format: Literal["url", "b64_json"] | None = Field(
        None, description="`url` (default): a signed URL valid for 60 minutes; `b64_json`: the PNG inline.")
    user: str | None = Field(None, max_length=256, description="Your end user's id (accepted, not stored).")
    seed: int | None = Field(None, ge=0, le=2**32 - 1, description="Atelier extra: the random seed.")
    steps: int | None = Field(None, ge=1, description="Atelier extra: denoising steps (default 20, at most 50).")

    _clean = field_validator("model", "size", "user", mode="after")(_clean_text)


class ImageGenerateIn(ImageOptions):
    prompt: str = Field(..., description="What to draw (at most 1000 characters).")
    negative_prompt: str | None = Field(None, description="Atelier extra: what to keep out of the image.")
    stream: bool | None = Field(False, description="Answer with server-sent events (partial images, then the "
                                                   "completed ones).")
    partial_images: int | None = Field(None, ge=0, le=3, description="With `stream`: how many partial images "
                                                                     "(0 to 3) to send from the live previews.")

    _clean_prompts = field_validator("prompt", "negative_prompt", mode="after")(_clean_text)


class UploadOptions(ImageOptions):
    """What edits and variations, which start from an uploaded photo, add."""

    face_consent: bool | None = Field(
        False, description="Atelier extra: `true` confirms that you have the consent of the people shown in the "
                           "image to edit it. A photo in which Atelier sees a real person's face is refused without "
                           "it (`code`: `consent_required`), unless the server refuses such photos altogether "
                           "(`content_policy_violation`).")


class ImageEditIn(UploadOptions):
    prompt: str = Field(..., description="The change to make, or what to paint in the transparent area.")
    negative_prompt: str | None = None

    _clean_prompts = field_validator("prompt", "negative_prompt", mode="after")(_clean_text)


class ImageVariationIn(UploadOptions):
    pass


class ImageData(Schema):
    url: str | None = None
    b64_json: str | None = None
    revised_prompt: str | None = None


class ImagesResponse(Schema):
    created: int
    data: list[ImageData]
    output_format: Literal["png"] = "png"
    size: str | None = None


# --- helpers -----------------------------------------------------------------------------------------------

def _model(value: str | None) -> None:
    if value is not None and value not in IMAGE_MODEL_ALIASES:
        raise ApiError(404, _("The model '%(model)s' does not exist.") % {"model": value[:100]},
                       code="model_not_found", param="model")


def _size(value: str | None, *, user: User, default: int | None = None) -> int:
    """Pixels a side from `WxH` (square only); the default follows the plan. The service checks the plan."""
    if value in (None, "auto"):
        return default or min(512, user.plan.max_size)
    width, _sep, height = str(value).partition("x")
    if width != height or int(width) not in settings.IMAGE_SIZES:
        sizes = ", ".join(f"{s}x{s}" for s in settings.IMAGE_SIZES)
        raise ApiError(400, _("Atelier makes square images: choose a size among %(sizes)s.") % {"sizes": sizes},
                       code="invalid_value", param="size")
    return int(width)


def _nearest_size(*, user: User, width: int) -> int:
    """Edits default to the allowed size nearest the source's width, within the plan."""
    sizes = [s for s in settings.IMAGE_SIZES if s <= user.plan.max_size] or [min(settings.IMAGE_SIZES)]
    return min(sizes, key=lambda s: (abs(s - width), -s))


def signed_image_url(request: HttpRequest, image: Image) -> str:
    token = signing.TimestampSigner(salt=URL_SALT).sign(image.pk.hex)
    return request.build_absolute_uri(reverse("api:image_file", kwargs={"token": token}))


def _png_data(image: Image) -> str:
    with image.file.open("rb") as handle:
        return base64.b64encode(handle.read()).decode("ascii")


@dataclass(frozen=True)
class JobState:
    status: str
    preview: str
    step: int


def _job_state(job_id: str) -> JobState:
    status, preview, step = ImageJob.objects.filter(pk=job_id).values_list("status", "preview", "step").get()
    return JobState(status=status, preview=preview or "", step=step)


def _cancel(user: User, job_id: str) -> None:
    job = ImageJob.objects.filter(pk=job_id).first()
    if job is not None:
        image_job_cancel(user=user, job=job)


async def _cancel_quietly(user: User, job_id: str) -> None:
    try:
        await asyncio.shield(sync_to_async(_cancel)(user, job_id))
    except Exception:  # noqa: BLE001 - the reaper ends the job if this fails; the answer must still go out
        logger.warning("could not cancel image job %s", job_id, exc_info=True)


async def _created(user: User, create: Callable[[], T]) -> T:
    """Run `create` (which makes and queues a job, in a thread) so that a client hanging up meanwhile cannot
    leave the job behind: the creation is shielded from the cancellation, and the job it made is then cancelled
    (and refunded) before the cancellation goes on. `create` returns the job, or a tuple whose first item is it."""
    made = asyncio.ensure_future(sync_to_async(create)())
    try:
        return await asyncio.shield(made)
    except asyncio.CancelledError:
        try:
            result = await made
        except Exception:  # noqa: BLE001 - nothing was made; the client is gone anyway
            raise asyncio.CancelledError from None
        job = result[0] if isinstance(result, tuple) else result
        if isinstance(job, ImageJob):
            await _cancel_quietly(user, str(job.pk))
        raise


async def _watch(job_id: str) -> AsyncIterator[JobState]:
    """The job's state at each poll (backing off from 50 ms to 500 ms) until it is finished. Past
    API_IMAGE_WAIT_SECONDS it raises a 504 ApiError; the caller cancels the job."""
    deadline = time.monotonic() + float(settings.API_IMAGE_WAIT_SECONDS)
    delay = POLL_FIRST_S
    while True:
        state = await sync_to_async(_job_state)(job_id)
        yield state
        if state.status in TERMINAL_STATUSES:
            return
        if time.monotonic() >= deadline:
            raise ApiError(504, _("The images took too long to make. The request was cancelled and not charged."),
                           type=SERVER, code="timeout", headers={"x-should-retry": "false"})
        await asyncio.sleep(delay)
        delay = min(delay * 1.5, POLL_MAX_S)


def _finished_images(job_id: str) -> tuple[ImageJob, list[Image]]:
    """The finished job's images the owner may see; an ApiError when the job did not succeed."""
    job = ImageJob.objects.get(pk=job_id)
    if job.status == JobStatus.BLOCKED:
        raise ApiError(400, _("The image was held back by the content policy. The images were not charged."),
                       code="content_policy_violation")
    if job.status == JobStatus.CANCELLED:
        raise ApiError(409, _("The request was cancelled. The images were not charged."), code="cancelled")
    if job.status == JobStatus.FAILED:
        if job.error_code == "invalid_request":
            raise ApiError(400, job.error or _("The request could not be carried out."), code="invalid_request")
        from imaging.selectors import error_message

        raise ApiError(500, job.error or error_message(job.error_code), type=SERVER, code=job.error_code or None)
    images = list(job.images.filter(moderation_state__in=VISIBLE_STATES).order_by("index"))
    return job, images


def _response_body(request: HttpRequest, job_id: str, response_format: str) -> dict[str, Any]:
    job, images = _finished_images(job_id)
    data = [{"b64_json": _png_data(image)} if response_format == "b64_json"
            else {"url": signed_image_url(request, image)} for image in images]
    return {"created": int(job.created_at.timestamp()), "data": data, "output_format": "png",
            "size": f"{job.size}x{job.size}"}


async def _answer(request: HttpRequest, user: User, job: ImageJob, response_format: str | None) -> dict[str, Any]:
    """Wait for the job and answer OpenAI's images response; cancel it when the wait ends early."""
    job_id = str(job.pk)
    finished = False
    try:
        async for state in _watch(job_id):
            finished = state.status in TERMINAL_STATUSES
    finally:
        if not finished:  # timed out, or the client went away (CancelledError)
            await _cancel_quietly(user, job_id)
    return await sync_to_async(_response_body)(request, job_id, response_format or "url")


# --- streaming -------------------------------------------------------------------------------------------

def _preview_png(name: str, size: int) -> str | None:
    """The live preview (a small JPEG the worker writes) as a base64 PNG of the requested size; None when a newer
    preview replaced it meanwhile."""
    try:
        with default_storage.open(name, "rb") as handle:
            picture = PILImage.open(io.BytesIO(handle.read()), formats=["JPEG"])
            picture.load()
    except (FileNotFoundError, OSError):
        return None
    out = io.BytesIO()
    picture.convert("RGB").resize((size, size), PILImage.Resampling.BILINEAR).save(out, format="PNG")
    return base64.b64encode(out.getvalue()).decode("ascii")


def _completed_payloads(job_id: str) -> list[str]:
    job, images = _finished_images(job_id)
    size = f"{job.size}x{job.size}"
    usage = {"input_tokens": 0, "input_tokens_details": {"image_tokens": 0, "text_tokens": 0}, "output_tokens": 0,
             "total_tokens": 0}
    return [json.dumps({"type": "image_generation.completed", "b64_json": _png_data(image),
                        "created_at": int(time.time()), "size": size, "quality": "auto", "background": "opaque",
                        "output_format": "png", "usage": usage})
            for image in images]


def sse(event: str, data: str) -> str:
    return f"event: {event}\ndata: {data}\n\n"


async def _events(user: User, job: ImageJob, partial_images: int) -> AsyncIterator[str]:
    job_id, size = str(job.pk), f"{job.size}x{job.size}"
    finished, sent, last_preview = False, 0, ""
    try:
        async for state in _watch(job_id):
            finished = state.status in TERMINAL_STATUSES
            if finished or sent >= partial_images or not state.preview or state.preview == last_preview:
                continue
            last_preview = state.preview
            b64 = await sync_to_async(_preview_png)(state.preview, job.size)
            if b64 is None:
                continue
            yield sse("image_generation.partial_image", json.dumps({
                "type": "image_generation.partial_image", "b64_json": b64, "created_at": int(time.time()),
                "size": size, "quality": "auto", "background": "opaque", "output_format": "png",
                "partial_image_index": sent}))
            sent += 1
        for payload in await sync_to_async(_completed_payloads)(job_id):
            yield sse("image_generation.completed", payload)
    except ApiError as exc:  # the status line is sent already: the error goes in the stream
        yield sse("error", json.dumps(exc.body()))
    finally:
        if not finished:
            await _cancel_quietly(user, job_id)


def _stream(user: User, job: ImageJob, partial_images: int) -> StreamingHttpResponse:
    response = StreamingHttpResponse(_events(user, job, partial_images), content_type="text/event-stream")
    response["Cache-Control"] = "no-cache"
    response["X-Accel-Buffering"] = "no"
    return response


# --- uploads --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Upload:
    data: bytes
    name: str


def _read(uploaded: UploadedFile, param: str) -> Upload:
    limit = settings.IMAGE_UPLOAD_MAX_BYTES
    if uploaded.size is not None and uploaded.size > limit:
        raise ApiError(413, _("The %(param)s file is larger than %(size)s MB.") % {
            "param": param, "size": f"{limit / (1024 * 1024):g}"}, code="file_too_large", param=param)
    return Upload(data=uploaded.read(limit + 1), name=uploaded.name or "")


def _parse_form(request: HttpRequest, schema: type[ImageOptions]) -> tuple[ImageOptions, list[Upload], Upload | None]:
    """The multipart form: its fields validated by `schema`, the image(s) (`image` or `image[]`), the mask."""
    declared = request.META.get("CONTENT_LENGTH") or "0"
    if declared.isdigit() and int(declared) > 2 * settings.IMAGE_UPLOAD_MAX_BYTES + MULTIPART_SLACK:
        raise ApiError(413, _("The request is too large."), code="request_too_large")
    if not request.content_type or not request.content_type.startswith("multipart/form-data"):
        raise ApiError(400, _("Send the image as multipart/form-data."), code="invalid_value")
    fields = {key: request.POST.get(key) for key in request.POST}
    try:
        options = schema.model_validate(fields)
    except ValidationError as exc:
        raise NinjaValidationError([dict(e) for e in exc.errors(include_url=False, include_context=False)]) from None
    files = request.FILES.getlist("image") + request.FILES.getlist("image[]")
    if not files:
        raise ApiError(400, _("Attach the image to start from (field 'image')."), code="invalid_value", param="image")
    images = [_read(f, "image") for f in files]
    mask_file = request.FILES.get("mask")
    mask = _read(mask_file, "mask") if mask_file is not None else None
    return options, images, mask


def _alpha(upload: Upload) -> PILImage.Image | None:
    """The alpha channel of an image already checked by `check_image`; None when it has none."""
    picture = PILImage.open(io.BytesIO(upload.data), formats=["PNG", "WEBP", "JPEG"])
    if picture.mode in ("RGBA", "LA", "PA") or (picture.mode == "P" and "transparency" in picture.info):
        return picture.convert("RGBA").getchannel("A")
    return None


def _checked(upload: Upload, param: str) -> tuple[int, int]:
    try:
        checked = check_image(upload.data, filename=upload.name, max_bytes=settings.IMAGE_UPLOAD_MAX_BYTES,
                              max_side=settings.IMAGE_UPLOAD_MAX_SIDE)
    except UploadRejected as exc:
        raise ApiError(400, str(exc), code="invalid_image", param=param) from None
    return checked.width, checked.height


def _repaint_mask(image: Upload, mask: Upload | None) -> bytes | None:
    """Atelier's inpainting mask (white = repaint) from OpenAI's: the transparent pixels of `mask`, or of the
    image itself when no mask is sent. None when there is nothing transparent (a whole-image edit)."""
    size = _checked(image, "image")
    if mask is not None:
        if _checked(mask, "mask") != size:
            raise ApiError(400, _("The mask must have the same size as the image."), code="invalid_value",
                           param="mask")
        alpha = _alpha(mask)
        if alpha is None:
            raise ApiError(400, _("The mask must be a PNG with transparency: its transparent pixels mark the area "
                                  "to repaint."), code="invalid_value", param="mask")
    else:
        alpha = _alpha(image)
        if alpha is None:
            return None
    repaint = alpha.point(lambda a: 255 if a == 0 else 0)
    if repaint.getbbox() is None:
        if mask is not None:
            raise ApiError(400, _("The mask has no transparent pixels: nothing to repaint."), code="invalid_value",
                           param="mask")
        return None
    out = io.BytesIO()
    repaint.save(out, format="PNG")
    return out.getvalue()


@contextlib.contextmanager
def _upload_dropped_on_error(source: Image) -> Iterator[None]:
    """A refused request (prompt, quota, size) leaves no stored upload behind."""
    try:
        yield
    except BaseException:
        source.file.delete(save=False)
        source.delete()
        raise


def _consent_required() -> ApiError:
    return ApiError(400, _("This photo appears to show a real person. If you have their consent to edit it, send "
                           "the request again with the form field face_consent=true."),
                    code="consent_required", param="image")


def _source_image(user: User, upload: Upload, *, face_consent: bool) -> Image:
    """The uploaded photo stored for editing. A photo showing a real person's face needs `face_consent`, which
    confirms the consent as the chat's "Confirm consent" button does (`image_upload_consent_confirm`: the
    confirmation is recorded with moderation's decision); without it, nothing is kept and the answer says how to
    confirm. A photo refused by the content policy (faces refused by the settings, nudity) stores nothing."""
    try:
        source = image_upload_create(user=user, conversation=None, data=upload.data, filename=upload.name)
        if not source.needs_consent:
            return source
        with _upload_dropped_on_error(source):
            if not face_consent:
                raise _consent_required()
            return image_upload_consent_confirm(user=user, image=source)
    except ContentPolicy as exc:
        raise ApiError(400, str(exc), code="content_policy_violation", param="image") from None


def _edit_job(request: HttpRequest, user: User) -> tuple[ImageJob, str | None]:
    options, images, mask = _parse_form(request, ImageEditIn)
    assert isinstance(options, ImageEditIn)  # noqa: S101 - _parse_form validated with this schema
    _model(options.model)
    if len(images) > 1:
        raise ApiError(400, _("Atelier edits one image per request."), code="invalid_value", param="image")
    repaint = _repaint_mask(images[0], mask)
    source = _source_image(user, images[0], face_consent=bool(options.face_consent))
    with _upload_dropped_on_error(source):
        job = image_job_create(
            user=user, conversation=None, prompt=options.prompt, n=options.n or 1,
            size=_size(options.size, user=user, default=_nearest_size(user=user, width=source.width)),
            negative_prompt=options.negative_prompt or "", seed=options.seed, steps=options.steps,
            source_image=source, mode=JobMode.INPAINT if repaint is not None else JobMode.EDIT, mask=repaint,
        )
    return job, options.response_format


def _variation_job(request: HttpRequest, user: User) -> tuple[ImageJob, str | None]:
    options, images, _mask = _parse_form(request, ImageVariationIn)
    _model(options.model)
    if len(images) > 1:
        raise ApiError(400, _("Atelier makes variations of one image per request."), code="invalid_value",
                       param="image")
    assert isinstance(options, ImageVariationIn)  # noqa: S101 - _parse_form validated with this schema
    _checked(images[0], "image")
    source = _source_image(user, images[0], face_consent=bool(options.face_consent))
    with _upload_dropped_on_error(source):
        job = image_job_create(
            user=user, conversation=None, prompt=VARIATION_PROMPT, n=options.n or 1,
            size=_size(options.size, user=user, default=_nearest_size(user=user, width=source.width)),
            seed=options.seed, steps=options.steps, source_image=source, mode=JobMode.VARIATION,
        )
    return job, options.response_format


def _multipart_body(schema: type[Schema], *, mask: bool) -> dict[str, Any]:
    fields = schema.model_json_schema()
    properties: dict[str, Any] = {
        "image": {"type": "string", "format": "binary",
                  "description": "PNG, JPEG or WebP, at most 4 MB (also accepted as `image[]`)."},
        **fields.get("properties", {}),
    }
    if mask:
        properties["mask"] = {"type": "string", "format": "binary",
                              "description": "PNG of the image's size whose fully transparent pixels mark the area "
                                             "to repaint."}
    required = ["image", *fields.get("required", [])]
    return {"requestBody": {"required": True, "content": {"multipart/form-data": {
        "schema": {"type": "object", "properties": properties, "required": required}}}}}


def _merge(*parts: dict[str, Any]) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for part in parts:
        for key, value in part.items():
            if isinstance(value, dict) and isinstance(merged.get(key), dict):
                merged[key] = _merge(merged[key], value)
            else:
                merged[key] = value
    return merged


IMAGE_ERRORS = (400, 401, 404, 413, 429, 500, 503, 504)
UPLOAD_400_DOC = {"responses": {"400": {
    "description": "Invalid parameters or image, a request refused by the content policy (`code`: "
                   "`content_policy_violation`), or a photo of a real person sent without `face_consent` "
                   "(`code`: `consent_required`)."}}}
SSE_DOC = {"responses": {"200": {
    "description": "The images; with `stream: true`, server-sent events `image_generation.partial_image` then "
                   "`image_generation.completed` (an `error` event if the job fails meanwhile).",
    "content": {"text/event-stream": {"schema": {"type": "string"}}}}}}


# --- endpoints --------------------------------------------------------------------------------------------

@router.post("/generations", response={200: ImagesResponse, **error_responses(*IMAGE_ERRORS)},
             exclude_none=True, summary="Create images from a prompt", operation_id="createImage",
             openapi_extra=_merge(error_openapi(*IMAGE_ERRORS), SSE_DOC))
async def image_generate(request: HttpRequest, body: ImageGenerateIn) -> Any:
    user = api_user(request)
    _model(body.model)
    size = _size(body.size, user=user)
    job = await _created(user, functools.partial(
        image_job_create, user=user, conversation=None, prompt=body.prompt, size=size, n=body.n or 1,
        negative_prompt=body.negative_prompt or "", seed=body.seed, steps=body.steps,
    ))
    if body.stream:
        return _stream(user, job, body.partial_images or 0)
    return await _answer(request, user, job, body.response_format)


@router.post("/edits", response={200: ImagesResponse, **error_responses(*IMAGE_ERRORS)},
             exclude_none=True, summary="Edit an image (repaint its transparent area, or the whole image)",
             operation_id="createImageEdit",
             openapi_extra=_merge(_multipart_body(ImageEditIn, mask=True), error_openapi(*IMAGE_ERRORS),
                                  UPLOAD_400_DOC))
async def image_edit(request: HttpRequest) -> Any:
    user = api_user(request)
    job, response_format = await _created(user, functools.partial(_edit_job, request, user))
    return await _answer(request, user, job, response_format)


@router.post("/variations", response={200: ImagesResponse, **error_responses(*IMAGE_ERRORS)},
             exclude_none=True, summary="Create variations of an image", operation_id="createImageVariation",
             openapi_extra=_merge(_multipart_body(ImageVariationIn, mask=False), error_openapi(*IMAGE_ERRORS),
                                  UPLOAD_400_DOC))
async def image_variation(request: HttpRequest) -> Any:
    user = api_user(request)
    job, response_format = await _created(user, functools.partial(_variation_job, request, user))
    return await _answer(request, user, job, response_format)


@router.get("/files/{token}", auth=None, url_name="image_file", response=error_responses(403, 404),
            summary="Download an image (signed URL from an images response; no key needed)",
            operation_id="downloadImage",
            openapi_extra=_merge(error_openapi(403, 404), {"responses": {"200": {
                "description": "The PNG image.", "content": {"image/png": {"schema": {"type": "string",
                                                                                     "format": "binary"}}}}}}))
def image_file(request: HttpRequest, token: str) -> HttpResponse | FileResponse:
    max_age = int(settings.API_IMAGE_URL_MAX_AGE)
    try:
        image_hex = signing.TimestampSigner(salt=URL_SALT).unsign(token, max_age=max_age)
    except signing.SignatureExpired:
        raise ApiError(403, _("This image URL has expired: image URLs work for 60 minutes."),
                       code="url_expired") from None
    except signing.BadSignature:
        raise ApiError(404, _("No such image."), code="not_found") from None
    image = Image.objects.filter(pk=image_hex, moderation_state__in=VISIBLE_STATES).first()
    if image is None or not image.file:
        raise ApiError(404, _("No such image."), code="not_found")
    try:
        handle = image.file.open("rb")
    except FileNotFoundError:
        raise ApiError(404, _("No such image."), code="not_found") from None
    response = FileResponse(handle, content_type="image/png", filename=f"atelier-{image.pk.hex[:12]}.png")
    response["Cache-Control"] = f"private, max-age={max_age}"
    response["X-Content-Type-Options"] = "nosniff"
    return response

