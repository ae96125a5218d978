"""HTTP interfaces of imaging: the gallery pages, image and preview files, and the image card's actions.

Card actions are CSRF-protected POSTs answering JSON: the job's `image_job` payload (202), or
`{"error": {"code", "message"}}` with the error's status. Results then arrive over the conversation's
websocket. Files are served only through `image_file_get_for_user` / `image_job_get_for_user`: the owner
(visible images only) and staff; everyone else gets 404.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.files.uploadedfile import UploadedFile
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from chatsite.accounts.auth import authenticated_user
from chatsite.accounts.models import User
from conversations.errors import ConversationNotFound
from conversations.models import Conversation
from conversations.selectors import conversation_get_for_user
from imaging.errors import ImagingError, InvalidRequest, NotFound, QuotaExceeded
from imaging.models import ImageJob, JobMode
from imaging.selectors import (
    image_file_get_for_user,
    image_get_for_user,
    image_job_get_for_user,
    image_job_payload,
    image_list_for_user,
    image_payload,
    image_versions,
)
from imaging.services import (
    image_job_cancel,
    image_job_create,
    image_job_regenerate,
    image_upload_consent_confirm,
    image_upload_create,
    image_upload_discard,
)

JsonView = Callable[..., HttpResponse]
GALLERY_PAGE_SIZE = 48


# --- helpers ---------------------------------------------------------------------------------------

def error_response(exc: ImagingError) -> JsonResponse:
    error: dict[str, Any] = {"code": exc.code, "message": str(exc)}
    if isinstance(exc, QuotaExceeded):
        error.update(resets_at=exc.resets_at.isoformat(), remaining=exc.remaining)
    return JsonResponse({"error": error}, status=exc.http_status)


def json_endpoint(view: JsonView) -> JsonView:
    """Signed-in users only (401 JSON otherwise); domain errors become JSON errors in plain words."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not isinstance(request.user, User) or not request.user.is_active:
            return JsonResponse({"error": {"code": "unauthenticated", "message": _("Please log in again.")}},
                                status=401)
        try:
            return view(request, *args, **kwargs)
        except ImagingError as exc:
            return error_response(exc)
        except ConversationNotFound:
            return error_response(NotFound(_("No such conversation.")))

    return wrapper


def request_data(request: HttpRequest) -> dict[str, Any]:
    """The fields of a JSON body or of a form (multipart for uploads and masks)."""
    if request.content_type == "application/json":
        try:
            data = json.loads(request.body or b"{}")
        except ValueError:
            raise InvalidRequest(_("The request is not valid JSON.")) from None
        if not isinstance(data, dict):
            raise InvalidRequest(_("The request must be a JSON object."))
        return data
    return {key: request.POST.get(key) for key in request.POST}


def optional_int(data: dict[str, Any], key: str, default: int | None = None) -> int | None:
    value = data.get(key)
    if value in (None, ""):
        return default
    if isinstance(value, bool):
        raise InvalidRequest(_("%(field)s must be a whole number.") % {"field": key})
    try:
        return int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise InvalidRequest(_("%(field)s must be a whole number.") % {"field": key}) from None


def optional_float(data: dict[str, Any], key: str) -> float | None:
    value = data.get(key)
    if value in (None, ""):
        return None
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise InvalidRequest(_("%(field)s must be a number.") % {"field": key}) from None


def read_capped(uploaded: UploadedFile) -> bytes:
    """At most one byte past the upload limit: enough for the service to refuse a larger file."""
    return uploaded.read(settings.IMAGE_UPLOAD_MAX_BYTES + 1)


def conversation_from(user: User, data: dict[str, Any]) -> Conversation | None:
    conversation_id = data.get("conversation_id")
    if not conversation_id:
        return None
    return conversation_get_for_user(user=user, conversation_id=str(conversation_id))


def accepted(job: ImageJob) -> JsonResponse:
    return JsonResponse(image_job_payload(job), status=202)


def protect(response: FileResponse) -> FileResponse:
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=300"
    return response


# --- card actions (JSON) ----------------------------------------------------------------------------

@require_POST
@json_endpoint
def job_create(request: HttpRequest) -> HttpResponse:
    """A new image from a prompt: {conversation_id, prompt, size, n?, seed?, negative_prompt?}."""
    user = authenticated_user(request)
    data = request_data(request)
    job = image_job_create(
        user=user,
        conversation=conversation_from(user, data),
        prompt=data.get("prompt") or "",
        size=optional_int(data, "size", default=min(512, user.plan.max_size)) or 0,
        n=optional_int(data, "n", default=1) or 0,
        negative_prompt=data.get("negative_prompt") or "",
        seed=optional_int(data, "seed"),
    )
    return accepted(job)


@require_GET
@json_endpoint
def job_detail(request: HttpRequest, job_id: uuid.UUID) -> HttpResponse:
    return JsonResponse(image_job_payload(image_job_get_for_user(user=request.user, job_id=job_id)))


@require_POST
@json_endpoint
def job_cancel(request: HttpRequest, job_id: uuid.UUID) -> HttpResponse:
    user = authenticated_user(request)
    job = image_job_cancel(user=user, job=image_job_get_for_user(user=user, job_id=job_id))
    return JsonResponse(image_job_payload(job))


@require_POST
@json_endpoint
def job_regenerate(request: HttpRequest, job_id: uuid.UUID) -> HttpResponse:
    user = authenticated_user(request)
    job = image_job_get_for_user(user=user, job_id=job_id)
    return accepted(image_job_regenerate(user=user, job=job))


@require_POST
@json_endpoint
def image_edit(request: HttpRequest, image_id: uuid.UUID) -> HttpResponse:
    """Image-to-image from an image ({prompt, strength?}), or inpainting when a `mask` PNG file comes along
    (white where the image is to be repainted)."""
    user = authenticated_user(request)
    source = image_get_for_user(user=user, image_id=image_id)
    data = request_data(request)
    mask_file = request.FILES.get("mask")
    mask = read_capped(mask_file) if mask_file is not None else None
    job = image_job_create(
        user=user, conversation=source.conversation, prompt=data.get("prompt") or "",
        size=optional_int(data, "size", default=_edit_size(user, source.width)) or 0, n=1,
        negative_prompt=data.get("negative_prompt") or "", seed=optional_int(data, "seed"),
        source_image=source, mode=JobMode.INPAINT if mask is not None else JobMode.EDIT, mask=mask,
        strength=optional_float(data, "strength"),
    )
    return accepted(job)


@require_POST
@json_endpoint
def image_variations(request: HttpRequest, image_id: uuid.UUID) -> HttpResponse:
    """New images close to this one, with its prompt and new seeds: {n?}."""
    user = authenticated_user(request)
    source = image_get_for_user(user=user, image_id=image_id)
    data = request_data(request)
    job = image_job_create(
        user=user, conversation=source.conversation, prompt=source.prompt or _("a variation of this image"),
        size=_edit_size(user, source.width), n=optional_int(data, "n", default=1) or 0,
        negative_prompt=source.job.negative_prompt if source.job else "", source_image=source,
        mode=JobMode.VARIATION,
    )
    return accepted(job)


@require_POST
@json_endpoint
def upload(request: HttpRequest) -> HttpResponse:
    """An image to edit: multipart `file` (PNG, JPEG or WebP) and `conversation_id`."""
    user = authenticated_user(request)
    uploaded = request.FILES.get("file")
    if uploaded is None:
        raise InvalidRequest(_("Choose an image file to upload."))
    image = image_upload_create(user=user, conversation=conversation_from(user, request_data(request)),
                                data=read_capped(uploaded), filename=uploaded.name or "")
    return JsonResponse(image_payload(image), status=201)


@require_POST
@json_endpoint
def upload_consent(request: HttpRequest, image_id: uuid.UUID) -> HttpResponse:
    """The owner confirms they have the consent of the person in their uploaded photo."""
    user = authenticated_user(request)
    image = image_upload_consent_confirm(user=user, image=image_get_for_user(user=user, image_id=image_id))
    return JsonResponse(image_payload(image))


@require_POST
@json_endpoint
def upload_discard(request: HttpRequest, image_id: uuid.UUID) -> HttpResponse:
    """The owner takes back an upload (e.g. a photo of someone whose consent they do not have)."""
    user = authenticated_user(request)
    image_upload_discard(user=user, image=image_get_for_user(user=user, image_id=image_id))
    return JsonResponse({"discarded": str(image_id)})


def _edit_size(user: User, width: int) -> int:
    """Edits keep the source's size when it is an allowed one, else the nearest allowed size the plan has."""
    sizes = [s for s in settings.IMAGE_SIZES if s <= user.plan.max_size] or [min(settings.IMAGE_SIZES)]
    return min(sizes, key=lambda s: (abs(s - width), -s))


# --- files -------------------------------------------------------------------------------------------

@require_GET
def image_file(request: HttpRequest, image_id: uuid.UUID) -> HttpResponseBase:
    try:
        image = image_file_get_for_user(user=request.user, image_id=image_id)
    except NotFound:
        raise Http404 from None
    download = request.GET.get("download") == "1"
    response = FileResponse(image.file.open("rb"), content_type="image/png", as_attachment=download,
                            filename=f"atelier-{image.pk.hex[:12]}.png")
    return protect(response)


@require_GET
def job_preview(request: HttpRequest, job_id: uuid.UUID) -> HttpResponseBase:
    try:
        job = image_job_get_for_user(user=request.user, job_id=job_id)
    except NotFound:
        raise Http404 from None
    if not job.preview:
        raise Http404
    try:
        handle = job.preview.open("rb")
    except FileNotFoundError:  # replaced by a newer preview in the meantime
        raise Http404 from None
    return protect(FileResponse(handle, content_type="image/jpeg"))


# --- gallery -------------------------------------------------------------------------------------------

@login_required
def gallery(request: HttpRequest) -> HttpResponse:
    user = authenticated_user(request)
    query = request.GET.get("q", "").strip()[:200]
    page = Paginator(image_list_for_user(user=user, query=query), GALLERY_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "imaging/gallery.html", {"images": page.object_list, "page": page, "query": query})


@login_required
def image_detail(request: HttpRequest, image_id: uuid.UUID) -> HttpResponse:
    user = authenticated_user(request)
    try:
        image = image_file_get_for_user(user=user, image_id=image_id)
    except NotFound:
        raise Http404 from None
    parent, children = image_versions(image=image)
    return render(request, "imaging/image_detail.html", {
        "image": image, "parent": parent, "children": children,
        "conversation": image.conversation if image.conversation and image.conversation.user_id == user.pk else None,
    })
