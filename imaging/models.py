"""Image jobs (one per request: generate, edit, inpaint, variation) and the images they store."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    SUCCEEDED = "succeeded", _("succeeded")
    FAILED = "failed", _("failed")
    CANCELLED = "cancelled", _("cancelled")
    BLOCKED = "blocked", _("blocked")


TERMINAL_STATUSES = frozenset({JobStatus.SUCCEEDED, JobStatus.FAILED, JobStatus.CANCELLED, JobStatus.BLOCKED})
# Moving into one of these gives the job's unrefunded images back to the day they were charged to.
REFUNDING_STATUSES = frozenset({JobStatus.FAILED, JobStatus.CANCELLED, JobStatus.BLOCKED})


class JobMode(models.TextChoices):
    GENERATE = "generate", _("generate")
    EDIT = "edit", _("edit")  # image-to-image from an earlier image ("make it blue")
    INPAINT = "inpaint", _("inpaint")  # repaint the masked part of an image
    VARIATION = "variation", _("variation")  # new images close to an existing one


class ModerationState(models.TextChoices):
    CLEAR = "clear", _("clear")
    WITHHELD = "withheld", _("withheld")  # refused by the automatic check, waiting for a person
    RELEASED = "released", _("released")  # a moderator found it fine
    REJECTED = "rejected", _("rejected")  # a moderator confirmed the refusal


VISIBLE_STATES = frozenset({ModerationState.CLEAR, ModerationState.RELEASED})


class ImageKind(models.TextChoices):
    GENERATED = "generated", _("generated")
    UPLOAD = "upload", _("uploaded")


class ImageJob(models.Model):
    # Public id in URLs and events: unguessable.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="image_jobs")
    conversation = models.ForeignKey(
        "conversations.Conversation", on_delete=models.SET_NULL, null=True, blank=True, related_name="image_jobs"
    )
    mode = models.CharField(max_length=16, choices=JobMode.choices, default=JobMode.GENERATE)
    status = models.CharField(max_length=16, choices=JobStatus.choices, default=JobStatus.QUEUED)
    prompt = models.TextField()
    negative_prompt = models.TextField(blank=True)
    size = models.PositiveIntegerField(help_text=_("Pixels a side (square images)."))
    n = models.PositiveSmallIntegerField(default=1)
    seed = models.BigIntegerField()
    steps = models.PositiveIntegerField()
    guidance_scale = models.FloatField()
    strength = models.FloatField(null=True, blank=True)
    source_image = models.ForeignKey(
        "imaging.Image", on_delete=models.SET_NULL, null=True, blank=True, related_name="derived_jobs"
    )
    mask = models.FileField(blank=True, max_length=255)
    # The model and anything else needed to make the same images again.
    parameters = models.JSONField(default=dict, blank=True)
    priority = models.PositiveSmallIntegerField(default=0)
    quota_day = models.DateField()
    quota_refunded = models.PositiveSmallIntegerField(default=0)
    step = models.PositiveIntegerField(default=0)
    # Steps this run takes: image-to-image runs `steps * strength`; set by the worker when it starts.
    total_steps = models.PositiveIntegerField(default=0)
    progress = models.FloatField(default=0.0)
    preview = models.FileField(blank=True, max_length=255)
    attempts = models.PositiveSmallIntegerField(default=0)
    # The task message that may run this job: each enqueue (creation, a deferral at the user's running limit, the
    # reaper's re-enqueue of a lost message) gets a new token, and a delivery with an older token is skipped.
    # A crash redelivery carries the current token and takes the job over.
    dispatch_token = models.UUIDField(null=True, blank=True, editable=False)
    enqueued_at = models.DateTimeField(null=True, blank=True)
    # Times the reaper re-enqueued the job because its message seemed lost (bounded by IMAGE_JOB_MAX_REQUEUES).
    requeues = models.PositiveSmallIntegerField(default=0)
    worker = models.CharField(max_length=255, blank=True)
    error_code = models.CharField(max_length=32, blank=True)
    error = models.TextField(blank=True)
    timings = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("image job")
        verbose_name_plural = _("image jobs")
        indexes = [
            models.Index(fields=["status", "-priority", "created_at"], name="imagejob_queue"),
            models.Index(fields=["conversation", "created_at"], name="imagejob_conversation"),
            models.Index(fields=["status", "heartbeat_at"], name="imagejob_stale"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(status__in=JobStatus.values), name="imagejob_status_valid"),
            models.CheckConstraint(condition=models.Q(mode__in=JobMode.values), name="imagejob_mode_valid"),
            models.CheckConstraint(condition=models.Q(n__gte=1, n__lte=10), name="imagejob_n_1_to_10"),
            models.CheckConstraint(condition=models.Q(progress__gte=0, progress__lte=1), name="imagejob_progress_0_1"),
            models.CheckConstraint(condition=models.Q(quota_refunded__lte=models.F("n")),
                                   name="imagejob_refund_at_most_n"),
        ]

    def __str__(self) -> str:
        return f"{self.mode} {self.status}: {self.prompt[:40]}"

    @property
    def is_terminal(self) -> bool:
        return self.status in TERMINAL_STATUSES


def image_upload_to(instance: Image, filename: str) -> str:
    return f"images/{instance.owner_id}/{filename}"


class Image(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="images")
    job = models.ForeignKey(ImageJob, on_delete=models.CASCADE, null=True, blank=True, related_name="images")
    conversation = models.ForeignKey(
        "conversations.Conversation", on_delete=models.SET_NULL, null=True, blank=True, related_name="images"
    )
    parent = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="children"
    )
    kind = models.CharField(max_length=16, choices=ImageKind.choices, default=ImageKind.GENERATED)
    file = models.FileField(upload_to=image_upload_to, max_length=255)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    prompt = models.TextField(blank=True)
    seed = models.BigIntegerField(null=True, blank=True)
    index = models.PositiveSmallIntegerField(default=0, help_text=_("Position among the job's images."))
    moderation_state = models.CharField(
        max_length=16, choices=ModerationState.choices, default=ModerationState.CLEAR
    )
    moderation_categories = models.JSONField(default=list, blank=True)
    moderation_message = models.TextField(blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    # An upload in which moderation saw a real person's face (MODERATION_UPLOAD_FACES = "consent"): it cannot be
    # edited until its owner confirms that they have that person's consent.
    consent_required = models.BooleanField(default=False)
    consent_confirmed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "index"]
        verbose_name = _("image")
        verbose_name_plural = _("images")
        indexes = [
            models.Index(fields=["owner", "-created_at"], name="image_owner_recent"),
            models.Index(fields=["moderation_state", "-created_at"], name="image_moderation"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(moderation_state__in=ModerationState.values),
                                   name="image_moderation_state_valid"),
            models.CheckConstraint(condition=models.Q(kind__in=ImageKind.values), name="image_kind_valid"),
        ]

    def __str__(self) -> str:
        return self.prompt[:40] or str(self.pk)

    @property
    def is_visible_to_owner(self) -> bool:
        return self.moderation_state in VISIBLE_STATES

    @property
    def needs_consent(self) -> bool:
        return self.consent_required and self.consent_confirmed_at is None
