"""Writes and workflows of imaging: create jobs (charging the daily quota), cancel them, move them through their
states for the worker, store images, handle uploads and moderation decisions.

State machine: queued -> running -> succeeded | blocked | failed | cancelled; queued -> cancelled | failed;
running -> running (a redelivery after a crash takes over, counting attempts). A finished job never changes
again. A queued job stays queued while its user runs their plan's most jobs at once (the worker puts it back on
the queue for a few seconds, consuming no attempt) and when its task message was lost (the reaper enqueues it
again, a bounded number of times, then ends it failed). Each enqueue carries a new dispatch token; a delivery with
an older one is skipped, so a job never runs twice because it was enqueued twice. Moving into failed, cancelled
or blocked refunds the job's images still charged, exactly once: always in the transaction holding the job row
(`select_for_update`), tracked by `quota_refunded`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import secrets
import uuid
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from chatsite.accounts import quotas
from chatsite.accounts.models import User
from chatsite.accounts.services import usage_record
from conversations.events import conversation_event_send, conversation_event_send_on_commit
from conversations.models import Conversation
from imaging import event_sender, pipelines
from imaging.admission import celery_priority, job_admit, running_limit_reached
from imaging.errors import ConsentRequired, ContentPolicy, InvalidRequest, InvalidUpload, NotFound, QuotaExceeded
from imaging.models import (
    REFUNDING_STATUSES,
    VISIBLE_STATES,
    Image,
    ImageJob,
    ImageKind,
    JobMode,
    JobStatus,
    ModerationState,
)
from imaging.selectors import image_job_payload, image_upload_event, image_upload_removed_event
from imaging.uploads import UploadRejected, check_image
from moderation.services import Stage, image_moderate, prompt_moderate

logger = logging.getLogger(__name__)

SEED_LIMIT = 2**32


def _consent_required_message() -> str:
    return _("This photo appears to show a real person. Confirm that you have their consent before editing it.")


# --- creating jobs ---------------------------------------------------------------------------------

def _default_strength(mode: JobMode) -> float | None:
    if mode == JobMode.GENERATE:
        return None
    if mode == JobMode.VARIATION:
        return float(settings.IMAGE_VARIATION_STRENGTH)
    if mode == JobMode.INPAINT:
        return 1.0
    return float(settings.IMAGE_EDIT_STRENGTH)


def _validated_mask(mask: bytes) -> bytes:
    try:
        return check_image(mask, max_bytes=settings.IMAGE_UPLOAD_MAX_BYTES,
                           max_side=settings.IMAGE_UPLOAD_MAX_SIDE).png
    except UploadRejected as exc:
        raise InvalidUpload(_("The mask is not usable: %(reason)s") % {"reason": exc}) from None


def image_job_create(
    *,
    user: User,
    conversation: Conversation | None,
    prompt: str,
    size: int,
    n: int = 1,
    negative_prompt: str = "",
    seed: int | None = None,
    source_image: Image | None = None,
    mode: JobMode | str = JobMode.GENERATE,
    mask: bytes | None = None,
    strength: float | None = None,
    steps: int | None = None,
) -> ImageJob:
    """Validate, moderate the prompt, charge `n` images to today's quota and queue the job on the gpu workers.

    Moderation runs before the job's transaction so that its decision record survives a refusal; the quota
    reservation, the row and the enqueue (after commit) share one `transaction.atomic` block: a refused or
    rolled-back request charges nothing and queues nothing. The `image_job` event (queued) is sent after commit.
    """
    try:
        mode = JobMode(mode)
    except ValueError:
        raise InvalidRequest(_("Unknown image mode.")) from None
    prompt = (prompt or "").strip() if isinstance(prompt, str) else ""
    negative_prompt = (negative_prompt or "").strip() if isinstance(negative_prompt, str) else ""
    limit = settings.IMAGE_PROMPT_MAX_CHARS
    if not prompt:
        raise InvalidRequest(_("Describe the image you want."))
    if len(prompt) > limit or len(negative_prompt) > limit:
        raise InvalidRequest(_("Prompts are limited to %(limit)d characters.") % {"limit": limit})
    plan = user.plan
    if not isinstance(size, int) or isinstance(size, bool) or size not in settings.IMAGE_SIZES:
        sizes = ", ".join(str(s) for s in settings.IMAGE_SIZES)
        raise InvalidRequest(_("Choose a size among %(sizes)s pixels.") % {"sizes": sizes})
    if size > plan.max_size:
        raise InvalidRequest(_("Your plan makes images up to %(size)d pixels a side.") % {"size": plan.max_size})
    if not isinstance(n, int) or isinstance(n, bool) or not 1 <= n <= plan.max_images_per_request:
        raise InvalidRequest(
            _("Your plan makes 1 to %(most)d images per request.") % {"most": plan.max_images_per_request}
        )
    if seed is None:
        seed = secrets.randbelow(SEED_LIMIT)
    elif not isinstance(seed, int) or isinstance(seed, bool) or not 0 <= seed < SEED_LIMIT:
        raise InvalidRequest(_("The seed must be a whole number from 0 to 4294967295."))
    if steps is None:
        steps = settings.IMAGE_STEPS
    elif not isinstance(steps, int) or isinstance(steps, bool) or not 1 <= steps <= settings.IMAGE_MAX_STEPS:
        raise InvalidRequest(_("Steps must be a whole number from 1 to %(most)d.") % {"most": settings.IMAGE_MAX_STEPS})
    if conversation is not None and conversation.user_id != user.pk:
        raise NotFound(_("No such conversation."))
    if mode == JobMode.GENERATE:
        if source_image is not None or mask is not None:
            raise InvalidRequest(_("A new image starts from a prompt only."))
    else:
        if source_image is None:
            raise InvalidRequest(_("Choose the image to start from."))
        if source_image.owner_id != user.pk:
            raise NotFound(_("No such image."))
        if conversation is not None and source_image.conversation_id != conversation.pk:
            raise InvalidRequest(_("That image belongs to another conversation."))
        if source_image.moderation_state not in VISIBLE_STATES:
            raise InvalidRequest(_("That image is held back and cannot be edited."))
        if source_image.needs_consent:
            raise ConsentRequired(_consent_required_message())
    if mode == JobMode.INPAINT and mask is None:
        raise InvalidRequest(_("Paint over the part of the image to change."))
    if mode != JobMode.INPAINT and mask is not None:
        raise InvalidRequest(_("A mask is only used to repaint part of an image."))
    mask_png = _validated_mask(mask) if mask is not None else None
    if strength is None:
        strength = _default_strength(mode)
    elif mode == JobMode.GENERATE:
        raise InvalidRequest(_("Strength applies to edits and variations only."))
    elif not isinstance(strength, int | float) or isinstance(strength, bool) or not 0.05 <= strength <= 1.0:
        raise InvalidRequest(_("Strength must be between 0.05 and 1."))

    verdict = prompt_moderate(user=user, text=prompt, stage=Stage.TOOL_PROMPT)
    if not verdict.allowed:
        raise ContentPolicy(
            verdict.user_message or _("This request goes against the content policy."),
            categories=tuple(verdict.categories),
        )

    with transaction.atomic():
        job_admit(plan=plan)
        try:
            day = quotas.quota_reserve(user=user, n=n)
        except quotas.QuotaExceeded as exc:
            raise QuotaExceeded(str(exc), resets_at=exc.resets_at, remaining=exc.remaining) from exc
        job = ImageJob.objects.create(
            user=user,
            conversation=conversation,
            mode=mode,
            prompt=prompt,
            negative_prompt=negative_prompt,
            size=size,
            n=n,
            seed=seed,
            steps=steps,
            guidance_scale=image_guidance_scale(),
            strength=strength,
            source_image=source_image,
            parameters={"model": settings.IMAGE_MODEL},
            priority=plan.queue_priority,
            quota_day=day,
        )
        if mask_png is not None:
            job.mask.save(f"masks/{job.pk.hex}.png", ContentFile(mask_png), save=False)
            job.save(update_fields=["mask"])
        _dispatch_on_commit(job)
        _send_on_commit(job)
    return job


def image_guidance_scale() -> float:
    """IMAGE_GUIDANCE_SCALE when set, else the default the model's folder gives (see pipelines.model_guidance_scale).

    Reads a small JSON file at most; imports no torch."""
    if settings.IMAGE_GUIDANCE_SCALE is not None:
        return float(settings.IMAGE_GUIDANCE_SCALE)
    try:
        return pipelines.model_guidance_scale(settings.IMAGE_MODEL)
    except pipelines.GenerationError as error:
        raise ImproperlyConfigured(str(error)) from error


def image_job_regenerate(*, user: User, job: ImageJob) -> ImageJob:
    """The same request again (prompt, size, number, mode, source, mask) with a new seed."""
    if job.user_id != user.pk:
        raise NotFound(_("No such image job."))
    mask = job.mask.read() if job.mask else None
    return image_job_create(
        user=user, conversation=job.conversation, prompt=job.prompt, size=job.size, n=job.n,
        negative_prompt=job.negative_prompt, source_image=job.source_image, mode=job.mode, mask=mask,
        strength=job.strength if job.mode != JobMode.GENERATE else None,
    )


def image_job_cancel(*, user: User, job: ImageJob) -> ImageJob:
    """Cancel a queued or running job at once (refunding it). A running worker notices at its next progress
    report and interrupts the pipeline. Cancelling a finished job changes nothing."""
    if job.user_id != user.pk and not user.is_staff:
        raise NotFound(_("No such image job."))
    with transaction.atomic():
        locked = ImageJob.objects.select_for_update().get(pk=job.pk)
        if not locked.is_terminal:
            _finish(locked, JobStatus.CANCELLED, code="cancelled")
    return locked


# --- the worker's side -----------------------------------------------------------------------------

def image_job_start(*, job_id: str, worker: str, dispatch: str | None = None) -> ImageJob | None:
    """Claim a job for this delivery; None when there is nothing to run now: unknown, finished, out of attempts,
    enqueued again since this message was sent (`dispatch` is not the job's token), or deferred.

    Deferred: the user already runs their plan's most jobs at once. The job stays queued, consumes no attempt and
    no quota, and goes back on the queue with its priority for IMAGE_RUNNING_LIMIT_RETRY_SECONDS, so that other
    users' jobs run meanwhile. The user's row is locked (FOR NO KEY UPDATE: job inserts are not blocked) before
    the job's, so that two workers claiming two jobs of one user count running jobs one after the other.

    A job found running was left by a delivery whose worker died: this one takes over with the next attempt
    number (it already holds a running slot), and the old one (should it still be alive) loses its claim at its
    next progress report. `dispatch=None` (direct calls, messages from before tokens) accepts any token.
    """
    user_id = ImageJob.objects.filter(pk=job_id).values_list("user_id", flat=True).first()
    if user_id is None:
        return None
    with transaction.atomic():
        # Lock order: the user, then the job (nothing locks them the other way round).
        owner = User.objects.select_for_update(no_key=True, of=("self",)).select_related("plan").get(pk=user_id)
        job = ImageJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.is_terminal:
            return None
        if dispatch is not None and job.dispatch_token is not None and str(job.dispatch_token) != dispatch:
            return None  # a stale duplicate: the job's current message will run it
        now = timezone.now()
        if job.status == JobStatus.QUEUED and running_limit_reached(user_id=owner.pk, plan=owner.plan, now=now):
            job.timings = {**job.timings, "deferred": int(job.timings.get("deferred", 0)) + 1}
            job.save(update_fields=["timings"])
            _dispatch_on_commit(job, countdown=float(settings.IMAGE_RUNNING_LIMIT_RETRY_SECONDS))
            return None
        if job.attempts >= settings.IMAGE_JOB_MAX_ATTEMPTS:
            _finish(job, JobStatus.FAILED, code="worker_lost")
            return None
        job.status = JobStatus.RUNNING
        job.attempts += 1
        job.worker = worker[:255]
        job.started_at = now
        job.heartbeat_at = now
        job.step = 0
        job.progress = 0.0
        job.timings = {**job.timings, "queued_s": round((now - job.created_at).total_seconds(), 3)}
        job.save(update_fields=["status", "attempts", "worker", "started_at", "heartbeat_at", "step", "progress",
                                "timings"])
        _send_on_commit(job)
    return job


def image_job_progress(*, job: ImageJob, attempt: int, step: int, steps: int, preview: bytes | None = None) -> bool:
    """Record a step (and a preview JPEG) and tell the conversation. False when the job is no longer this
    attempt's to run (cancelled, reaped or taken over): the worker must stop."""
    fields: dict[str, Any] = {
        "step": step,
        "total_steps": steps,
        "progress": min(step / steps, 1.0) if steps else 0.0,
        "heartbeat_at": timezone.now(),
    }
    name = ""
    if preview is not None:
        name = default_storage.save(f"previews/{job.pk.hex}/{step}.jpg", ContentFile(preview))
        fields["preview"] = name
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # A progress row is soon replaced by the next: its commit need not wait for the WAL flush (a crash
            # loses at most the last reports, never a state change), so the denoising loop does not wait either.
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
        claimed = ImageJob.objects.filter(pk=job.pk, status=JobStatus.RUNNING, attempts=attempt).update(**fields)
    if not claimed:
        if name:
            default_storage.delete(name)
        return False
    old_preview = job.preview.name if job.preview else ""
    for field, value in fields.items():
        setattr(job, field, value)
    if name and old_preview:
        default_storage.delete(old_preview)
    _send_now(job)
    return True


@dataclass(frozen=True)
class GeneratedImage:
    """One output of the pipeline, encoded and already checked by moderation."""

    png: bytes
    width: int
    height: int
    seed: int
    allowed: bool
    categories: tuple[str, ...] = ()
    user_message: str = ""


def image_job_complete(
    *, job_id: str, attempt: int, outputs: list[GeneratedImage], timings: dict[str, float] | None = None
) -> ImageJob | None:
    """Store the images and finish the job: succeeded, or blocked when moderation withheld every image.
    Withheld images are stored (for moderators) and refunded. None when the job is no longer this attempt's."""
    with transaction.atomic():
        job = ImageJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.status != JobStatus.RUNNING or job.attempts != attempt:
            return None
        images = []
        for index, output in enumerate(outputs):
            image = Image(
                owner_id=job.user_id, job=job, conversation_id=job.conversation_id, parent_id=job.source_image_id,
                kind=ImageKind.GENERATED, width=output.width, height=output.height,
                sha256=hashlib.sha256(output.png).hexdigest(), prompt=job.prompt, seed=output.seed, index=index,
                moderation_state=ModerationState.CLEAR if output.allowed else ModerationState.WITHHELD,
                moderation_categories=list(output.categories), moderation_message=output.user_message,
            )
            image.file.save(f"{image.pk.hex}.png", ContentFile(output.png), save=False)
            image.save()
            images.append(image)
        withheld = sum(1 for image in images if image.moderation_state == ModerationState.WITHHELD)
        job.step = job.total_steps or job.steps
        job.progress = 1.0
        job.timings = {**job.timings, **{k: round(v, 3) for k, v in (timings or {}).items()}}
        if images and withheld == len(images):
            _finish(job, JobStatus.BLOCKED, code="blocked", images=images, extra_fields=["step", "progress", "timings"])
        else:
            if withheld:
                _refund(job, withheld)
            _finish(job, JobStatus.SUCCEEDED, images=images, extra_fields=["step", "progress", "timings"])
            usage_record(user=job.user, job_id=job.pk, day=job.quota_day, size=job.size,
                         images=len(images) - withheld)
    return job


def image_job_fail(*, job_id: str, code: str, message: str = "", attempt: int | None = None) -> ImageJob | None:
    """End a job as failed (refunding it). With `attempt`, only if that attempt still holds the job."""
    with transaction.atomic():
        job = ImageJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.is_terminal or (attempt is not None and job.attempts != attempt):
            return None
        _finish(job, JobStatus.FAILED, code=code, message=message)
    return job


def image_job_interrupted(*, job_id: str, attempt: int, step: int) -> None:
    """Note where an attempt stopped after losing its claim (cancelled, reaped or taken over): the job's state
    is not changed, only its timings record the step, for the logs and the tests."""
    with transaction.atomic():
        job = ImageJob.objects.select_for_update().filter(pk=job_id, attempts=attempt).first()
        if job is not None:
            job.timings = {**job.timings, "interrupted_at_step": step}
            job.save(update_fields=["timings"])


def image_jobs_reap(*, now: dt.datetime | None = None) -> int:
    """End running jobs whose worker stopped reporting (killed, machine lost) as failed, and deal with queued jobs
    whose task message was lost; returns how many jobs it changed."""
    now = now or timezone.now()
    return _reap_running(now) + _reap_queued(now)


def _reap_running(now: dt.datetime) -> int:
    cutoff = now - dt.timedelta(seconds=settings.IMAGE_JOB_STALE_SECONDS)
    stale = list(
        ImageJob.objects.filter(status=JobStatus.RUNNING, heartbeat_at__lt=cutoff).values_list("pk", flat=True)
    )
    reaped = 0
    for job_id in stale:
        with transaction.atomic():
            job = ImageJob.objects.select_for_update().get(pk=job_id)
            if job.status == JobStatus.RUNNING and job.heartbeat_at and job.heartbeat_at < cutoff:
                _finish(job, JobStatus.FAILED, code="worker_lost")
                reaped += 1
    if reaped:
        logger.warning("reaped %d image jobs whose worker stopped reporting", reaped)
    return reaped


def _reap_queued(now: dt.datetime) -> int:
    """Queued jobs not enqueued for longer than IMAGE_JOB_QUEUED_STALE_SECONDS lost their message: no delivery
    is coming (Redis redelivers an unacked message after its visibility timeout, which the setting exceeds).
    Enqueue each again at the front of the queue (it has waited longer than anyone), with a new token so that
    the old message, should it turn up after all, is skipped; after IMAGE_JOB_MAX_REQUEUES, end it failed and
    refunded. A deferred job is enqueued again every few seconds, so it is never taken for lost."""
    cutoff = now - dt.timedelta(seconds=settings.IMAGE_JOB_QUEUED_STALE_SECONDS)
    lost = list(ImageJob.objects.filter(status=JobStatus.QUEUED).filter(
        Q(enqueued_at__lt=cutoff) | Q(enqueued_at__isnull=True, created_at__lt=cutoff)
    ).values_list("pk", flat=True))
    changed = requeued = 0
    for job_id in lost:
        with transaction.atomic():
            job = ImageJob.objects.select_for_update().get(pk=job_id)
            if job.status != JobStatus.QUEUED or (job.enqueued_at or job.created_at) >= cutoff:
                continue
            if job.requeues >= settings.IMAGE_JOB_MAX_REQUEUES:
                _finish(job, JobStatus.FAILED, code="lost",
                        message=_("The image could not be started. Your images were given back; please try again."))
            else:
                job.requeues += 1
                job.save(update_fields=["requeues"])
                _dispatch_on_commit(job, priority=0)
                requeued += 1
            changed += 1
    if changed:
        logger.warning("image jobs whose task message was lost: %d enqueued again, %d failed", requeued,
                       changed - requeued)
    return changed


# --- uploads and moderation ------------------------------------------------------------------------

def image_upload_create(*, user: User, conversation: Conversation | None, data: bytes, filename: str = "") -> Image:
    """Check an uploaded image (format, size, truncation, bombs), moderate it, store it as PNG for editing.

    A photo in which moderation sees a real person's face (when the settings ask for consent) is stored with
    `consent_required`: nothing can be made from it until its owner confirms (`image_upload_consent_confirm`)
    or discards it (`image_upload_discard`). Any other refusal raises ContentPolicy and stores nothing."""
    if conversation is not None and conversation.user_id != user.pk:
        raise NotFound(_("No such conversation."))
    try:
        checked = check_image(data, filename=filename, max_bytes=settings.IMAGE_UPLOAD_MAX_BYTES,
                              max_side=settings.IMAGE_UPLOAD_MAX_SIDE)
    except UploadRejected as exc:
        raise InvalidUpload(str(exc)) from None
    verdict = image_moderate(user=user, image=checked.png, stage=Stage.UPLOAD)
    if not verdict.allowed and not verdict.needs_consent:
        raise ContentPolicy(verdict.user_message or _("This image goes against the content policy."),
                            categories=tuple(verdict.categories))
    with transaction.atomic():
        image = Image(owner=user, conversation=conversation, kind=ImageKind.UPLOAD, width=checked.width,
                      height=checked.height, sha256=hashlib.sha256(checked.png).hexdigest(),
                      consent_required=verdict.needs_consent)
        image.file.save(f"{image.pk.hex}.png", ContentFile(checked.png), save=False)
        image.save()
        _send_upload_on_commit(image)
    return image


def _own_upload(*, user: User, image: Image, lock: bool = True) -> Image:
    """The caller's own upload (locked, for callers in a transaction), or NotFound."""
    uploads = Image.objects.select_for_update() if lock else Image.objects.all()
    found = uploads.filter(pk=image.pk, owner=user, kind=ImageKind.UPLOAD).first()
    if found is None:
        raise NotFound(_("No such image."))
    return found


def image_upload_consent_confirm(*, user: User, image: Image) -> Image:
    """The owner confirms they have the consent of the person in their uploaded photo: it can now be edited.

    Moderation checks the photo again with the confirmation and records that decision (before the row is locked:
    its record stays even when it refuses, and no lock is held while it runs). Confirming an upload that needs no
    consent, or twice, changes nothing."""
    upload = _own_upload(user=user, image=image, lock=False)
    if not upload.needs_consent:
        return upload
    with upload.file.open("rb") as f:
        data = f.read()
    verdict = image_moderate(user=user, image=data, stage=Stage.UPLOAD, consent_confirmed=True)
    if not verdict.allowed:
        raise ContentPolicy(verdict.user_message or _("This image goes against the content policy."),
                            categories=tuple(verdict.categories))
    with transaction.atomic():
        locked = _own_upload(user=user, image=image)
        if locked.needs_consent:
            locked.consent_confirmed_at = timezone.now()
            locked.save(update_fields=["consent_confirmed_at"])
            _send_upload_on_commit(locked)
    return locked


def image_upload_discard(*, user: User, image: Image) -> None:
    """The owner takes back an upload they have not made anything from (e.g. no consent): row and file go."""
    with transaction.atomic():
        locked = _own_upload(user=user, image=image)
        if locked.derived_jobs.exists() or locked.children.exists():
            raise InvalidRequest(_("Images were already made from this upload: it stays in your gallery."))
        name, image_id, conversation_id = locked.file.name, locked.pk, locked.conversation_id
        locked.delete()
        transaction.on_commit(lambda: default_storage.delete(name))
        if conversation_id is not None:  # the owner's other open pages take it away too
            conversation_event_send_on_commit(conversation_id=conversation_id,
                                              payload=image_upload_removed_event(image_id=image_id))


def image_moderation_state_set(*, image: Image, state: ModerationState | str, by: User) -> Image:
    """A moderator's decision on an image: `released` makes a withheld image visible to its owner, `rejected`
    keeps it (or makes it) invisible. The owner's open conversation gets the job's updated event (an upload's own
    event for an upload)."""
    if not by.is_staff:
        raise NotFound(_("No such image."))
    try:
        state = ModerationState(state)
    except ValueError:
        raise InvalidRequest(_("Unknown moderation state.")) from None
    with transaction.atomic():
        locked = Image.objects.select_for_update().get(pk=image.pk)
        if locked.moderation_state != state:
            locked.moderation_state = state
            locked.moderated_by = by
            locked.moderated_at = timezone.now()
            locked.save(update_fields=["moderation_state", "moderated_by", "moderated_at"])
            if locked.job_id:
                job = ImageJob.objects.get(pk=locked.job_id)
                _send_on_commit(job)
            elif locked.kind == ImageKind.UPLOAD:
                _send_upload_on_commit(locked)
    return locked


# --- internals --------------------------------------------------------------------------------------

def _dispatch_on_commit(job: ImageJob, *, countdown: float | None = None, priority: int | None = None) -> None:
    """Give the job a new dispatch token and send its task message after commit, with its plan's Celery priority
    unless told otherwise. Caller holds the job row locked (or has just created it)."""
    from imaging.tasks import image_job_run  # tasks import this module

    token = uuid.uuid4()
    job.dispatch_token, job.enqueued_at = token, timezone.now()
    job.save(update_fields=["dispatch_token", "enqueued_at"])
    options: dict[str, Any] = {"priority": priority if priority is not None else celery_priority(job.priority)}
    if countdown:
        options["countdown"] = countdown
    args = (str(job.pk), str(token))
    transaction.on_commit(lambda: image_job_run.apply_async(args=args, **options))


def _refund(job: ImageJob, count: int) -> None:
    """Give back up to `count` of the job's charged images. Caller holds the job row locked."""
    count = min(count, job.n - job.quota_refunded)
    if count <= 0:
        return
    quotas.quota_refund(user=job.user, day=job.quota_day, n=count)
    job.quota_refunded += count
    job.save(update_fields=["quota_refunded"])


def _finish(
    job: ImageJob,
    status: JobStatus,
    *,
    code: str = "",
    message: str = "",
    images: list[Image] | None = None,
    extra_fields: list[str] | None = None,
) -> None:
    """Move a locked job into a terminal state; refunds when the state calls for it; event after commit."""
    if job.is_terminal:
        raise RuntimeError(f"job {job.pk} is already {job.status}")
    job.status = status
    job.error_code = code
    job.error = message
    job.finished_at = timezone.now()
    if job.started_at:
        job.timings = {**job.timings, "run_s": round((job.finished_at - job.started_at).total_seconds(), 3)}
    preview = job.preview.name if job.preview else ""
    job.preview = ""
    job.save(update_fields=["status", "error_code", "error", "finished_at", "timings", "preview",
                            *(extra_fields or [])])
    if status in REFUNDING_STATUSES:
        _refund(job, job.n)
    if preview:
        transaction.on_commit(lambda: default_storage.delete(preview))
    _send_on_commit(job, images=images)


def _send_on_commit(job: ImageJob, *, images: list[Image] | None = None) -> None:
    if job.conversation_id is None:
        return
    payload = image_job_payload(job, images=images)
    sender = event_sender.enabled()
    if sender is not None:  # a gpu worker: in order, behind the progress events already given
        conversation_id = str(job.conversation_id)
        transaction.on_commit(lambda: sender.send(conversation_id=conversation_id, payload=payload))
        return
    conversation_event_send_on_commit(conversation_id=job.conversation_id, payload=payload)


def _send_upload_on_commit(image: Image) -> None:
    """The upload's current state to its conversation's open pages (all of them: the one that uploaded renders
    the HTTP answer too, and the browser keeps one card per upload id)."""
    if image.conversation_id is None:
        return
    conversation_event_send_on_commit(conversation_id=image.conversation_id, payload=image_upload_event(image))


def _send_now(job: ImageJob) -> None:
    """Progress events: best effort (a lost progress event is replaced by the next one)."""
    if job.conversation_id is None:
        return
    sender = event_sender.enabled()
    if sender is not None:  # a gpu worker: queued for its event loop thread, the denoising goes on at once
        sender.send(conversation_id=str(job.conversation_id), payload=image_job_payload(job, images=[]),
                    coalesce_key=f"progress:{job.pk}")
        return
    try:
        conversation_event_send(conversation_id=job.conversation_id, payload=image_job_payload(job, images=[]))
    except Exception:  # noqa: BLE001 - the channel layer being down must not stop the generation
        logger.warning("could not send the progress of image job %s", job.pk, exc_info=True)
