"""Reads of image jobs and images, and the `image_job` event payload (docs/websocket-protocol.md).

Access goes through `image_get_for_user`, `image_file_get_for_user`, `image_job_get_for_user`: the owner (and
staff) get the row; anyone else, or a malformed id, gets `NotFound`, so nothing is revealed about other users.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from chatsite.accounts.models import User
from conversations.models import Conversation
from imaging.errors import NotFound
from imaging.models import VISIBLE_STATES, Image, ImageJob, ImageKind, JobMode, JobStatus, ModerationState

AnyUser = User | AnonymousUser


def _uuid(value: uuid.UUID | str) -> uuid.UUID:
    try:
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
    except ValueError:
        raise NotFound(_("No such image.")) from None


def _may_see(user: AnyUser, owner_id: int) -> bool:
    if not isinstance(user, User) or not user.is_active:
        return False
    return user.is_staff or owner_id == user.pk


def image_get_for_user(*, user: AnyUser, image_id: uuid.UUID | str) -> Image:
    """The image's row for its owner or staff (also when withheld: the owner sees a placeholder)."""
    image = Image.objects.select_related("job", "conversation", "parent").filter(pk=_uuid(image_id)).first()
    if image is None or not _may_see(user, image.owner_id):
        raise NotFound(_("No such image."))
    return image


def image_file_get_for_user(*, user: AnyUser, image_id: uuid.UUID | str) -> Image:
    """The image whose bytes may be served: the owner's visible images; staff get every image."""
    image = image_get_for_user(user=user, image_id=image_id)
    if not image.is_visible_to_owner and not (isinstance(user, User) and user.is_staff):
        raise NotFound(_("No such image."))
    return image


def image_job_get_for_user(*, user: AnyUser, job_id: uuid.UUID | str) -> ImageJob:
    job = ImageJob.objects.select_related("conversation", "source_image").filter(pk=_uuid(job_id)).first()
    if job is None or not _may_see(user, job.user_id):
        raise NotFound(_("No such image job."))
    return job


def image_list_for_conversation(*, conversation: Conversation) -> QuerySet[Image]:
    return Image.objects.filter(conversation=conversation).order_by("created_at", "index")


def image_list_for_user(*, user: User, query: str = "") -> QuerySet[Image]:
    """The gallery: the user's visible images, newest first, optionally searched by prompt."""
    images = Image.objects.filter(owner=user, moderation_state__in=VISIBLE_STATES).select_related("conversation")
    for word in query.split()[:8]:
        images = images.filter(prompt__icontains=word)
    return images.order_by("-created_at", "index")


def image_versions(*, image: Image) -> tuple[Image | None, list[Image]]:
    """The image this one was made from, and the images made from it, visible to the owner."""
    parent = image.parent if image.parent and image.parent.is_visible_to_owner else None
    children = list(image.children.filter(moderation_state__in=VISIBLE_STATES).order_by("created_at", "index"))
    return parent, children


def wait_seconds(*, queue_position: int | None) -> int | None:
    from imaging.admission import wait_seconds as estimate  # admission imports this module's models

    return estimate(queue_position=queue_position)


def image_job_queue_position(*, job: ImageJob) -> int | None:
    """1 for the next job to start, 0 while running, None once finished. Higher priority goes first, then age.
    (Fair scheduling between users is the scheduler issue's.)"""
    if job.status == JobStatus.RUNNING:
        return 0
    if job.status != JobStatus.QUEUED:
        return None
    ahead = ImageJob.objects.filter(status=JobStatus.QUEUED).filter(
        Q(priority__gt=job.priority) | Q(priority=job.priority, created_at__lt=job.created_at)
    )
    return ahead.count() + 1


# --- event payloads -----------------------------------------------------------------------------

def error_message(code: str) -> str:
    messages = {
        "worker_lost": _("The image worker stopped before finishing. The images were not charged."),
        "timeout": _("Making the image took too long. The images were not charged."),
        "cancelled": _("Cancelled. The images were not charged."),
        "blocked": _("The image was held back by the content policy. The images were not charged."),
        "internal_error": _("Something went wrong while making the image. The images were not charged."),
    }
    return messages.get(code, messages["internal_error"])


def withheld_message(state: str) -> str:
    if state == ModerationState.REJECTED:
        return _("This image was removed: it breaks the content policy.")
    return _("This image is held back while a moderator checks it against the content policy.")


def image_payload(image: Image) -> dict[str, Any]:
    """What the owner's browser needs to show one image; no URL at all for a withheld or rejected image."""
    job = image.job
    data: dict[str, Any] = {
        "id": str(image.pk),
        "width": image.width,
        "height": image.height,
        "prompt": image.prompt,
        "seed": image.seed,
        "parent_id": str(image.parent_id) if image.parent_id else None,
        "job_id": str(image.job_id) if image.job_id else None,
        "moderation_state": image.moderation_state,
        "size": f"{image.width}×{image.height}",
        "negative_prompt": job.negative_prompt if job else "",
        "created_at": image.created_at.isoformat(),
    }
    if image.is_visible_to_owner:
        url = reverse("images:file", kwargs={"image_id": image.pk})
        data.update(
            url=url,
            download_url=url + "?download=1",
            edit_url=reverse("images:edit", kwargs={"image_id": image.pk}),
            variations_url=reverse("images:variations", kwargs={"image_id": image.pk}),
            withheld=False,
        )
    else:
        message = image.moderation_message or withheld_message(image.moderation_state)
        data.update(url=None, withheld=True, message=message)
    if image.kind == ImageKind.UPLOAD:
        # A photo of a real person: the browser asks its owner to confirm consent (or to discard it) first.
        data.update(upload=True, needs_consent=image.needs_consent,
                    consent_url=reverse("images:consent", kwargs={"image_id": image.pk}),
                    discard_url=reverse("images:discard", kwargs={"image_id": image.pk}))
    return data


def image_job_payload(job: ImageJob, *, images: Iterable[Image] | None = None) -> dict[str, Any]:
    """The `image_job` event for a job, as it stands. Pass `images` when they are at hand (saves a query)."""
    if images is None:
        images = job.images.all() if job.status in (JobStatus.SUCCEEDED, JobStatus.BLOCKED) else []
    position = image_job_queue_position(job=job)
    payload: dict[str, Any] = {
        "type": "image_job",
        "job_id": str(job.pk),
        "conversation_id": str(job.conversation_id) if job.conversation_id else None,
        "status": job.status,
        "mode": job.mode,
        "prompt": job.prompt,
        "negative_prompt": job.negative_prompt,
        "size": job.size,
        "n": job.n,
        "seed": job.seed,
        "parent_id": str(job.source_image_id) if job.source_image_id else None,
        "queue_position": position,
        "wait_seconds": wait_seconds(queue_position=position) if position else None,
        "step": job.step,
        "steps": job.total_steps or job.steps,
        "progress": round(job.progress, 4),
        "images": [image_payload(image) for image in sorted(images, key=lambda i: i.index)],
        "cancel_url": reverse("images:job_cancel", kwargs={"job_id": job.pk}),
        "regenerate_url": reverse("images:job_regenerate", kwargs={"job_id": job.pk}),
        "created_at": job.created_at.isoformat(),
    }
    if job.status == JobStatus.RUNNING and job.preview:
        payload["preview_url"] = reverse("images:job_preview", kwargs={"job_id": job.pk}) + f"?step={job.step}"
    if job.status in (JobStatus.FAILED, JobStatus.CANCELLED, JobStatus.BLOCKED):
        payload["error_code"] = job.error_code or job.status
        payload["error"] = job.error or error_message(job.error_code or job.status)
    if job.mode != JobMode.GENERATE and job.strength is not None:
        payload["strength"] = job.strength
    return payload


def image_job_events_for_conversation(*, conversation: Conversation) -> list[dict[str, Any]]:
    """The current `image_job` payload of every job of the conversation, oldest first (page load and `sync`)."""
    jobs = (
        ImageJob.objects.filter(conversation=conversation)
        .prefetch_related(Prefetch("images", queryset=Image.objects.order_by("index")))
        .order_by("created_at")
    )
    return [image_job_payload(job, images=list(job.images.all())) for job in jobs]


def image_upload_event(image: Image) -> dict[str, Any]:
    """The `image_upload` event: an upload of the conversation was stored or changed (consent, moderation)."""
    return {"type": "image_upload", "image": image_payload(image)}


def image_upload_removed_event(*, image_id: uuid.UUID | str) -> dict[str, Any]:
    """The `image_upload_removed` event: its owner discarded an upload (the row and file are gone)."""
    return {"type": "image_upload_removed", "image_id": str(image_id)}


def image_uploads_for_conversation(*, conversation: Conversation) -> list[dict[str, Any]]:
    """The payload of every upload of the conversation, oldest first (page load and `sync`), whatever its consent
    or moderation state (`image_payload` leaves the URLs out of a withheld one).

    Only the conversation owner's own uploads: the caller has already checked that the conversation is the
    user's (`conversation_get_for_user`), and an image row of another owner pointing at it is never shown."""
    uploads = Image.objects.filter(
        conversation=conversation, owner_id=conversation.user_id, kind=ImageKind.UPLOAD
    ).order_by("created_at", "pk")
    return [image_payload(image) for image in uploads]
