"""Conversations and their messages, in OpenAI's chat roles."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MAX_MESSAGE_CHARS = 8000
MAX_TITLE_CHARS = 120


class Conversation(models.Model):
    # Public id in URLs and websocket paths: unguessable, so ids reveal nothing about other users.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="conversations")
    title = models.CharField(_("title"), max_length=MAX_TITLE_CHARS, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-updated_at"]
        indexes = [models.Index(fields=["user", "-updated_at"], name="conversation_user_recent")]

    def __str__(self) -> str:
        return self.title or str(_("New conversation"))

    @property
    def group_name(self) -> str:
        """Channel-layer group of this conversation; derived from the primary key only."""
        from conversations.events import group_name

        return group_name(self.pk)


class Role(models.TextChoices):
    USER = "user", _("user")
    ASSISTANT = "assistant", _("assistant")
    TOOL = "tool", _("tool")
    SYSTEM = "system", _("system")


class ReplyStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    SUCCEEDED = "succeeded", _("succeeded")
    FAILED = "failed", _("failed")
    CANCELLED = "cancelled", _("cancelled")


class Reply(models.Model):
    """One assistant turn answering a user message: the model's text, tool calls and their results.

    Runs in the `llm` worker. `partial_text` holds the text streamed so far in the current round, so
    that a browser reconnecting mid-reply sees it again.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="replies")
    status = models.CharField(max_length=16, choices=ReplyStatus.choices, default=ReplyStatus.QUEUED)
    # Image options chosen in the composer (size, n, seed, negative_prompt); they override the model's.
    options = models.JSONField(default=dict, blank=True)
    partial_text = models.TextField(blank=True)
    tool_calls_made = models.PositiveSmallIntegerField(default=0)
    error = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=[s.value for s in ReplyStatus]), name="reply_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"reply {self.pk} ({self.status})"

    @property
    def is_terminal(self) -> bool:
        return self.status in (ReplyStatus.SUCCEEDED, ReplyStatus.FAILED, ReplyStatus.CANCELLED)

    def as_event(self) -> dict[str, object]:
        return {
            "type": "reply",
            "reply_id": str(self.pk),
            "status": self.status,
            "text": self.partial_text,
            "error": self.error,
        }


class Message(models.Model):
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="messages")
    reply = models.ForeignKey(Reply, on_delete=models.SET_NULL, null=True, blank=True, related_name="messages")
    role = models.CharField(max_length=16, choices=Role.choices)
    content = models.TextField(blank=True)
    # Assistant messages: the tool calls the model made, in OpenAI's shape.
    tool_calls = models.JSONField(default=list, blank=True)
    # Tool messages: the call this result answers.
    tool_call_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(role__in=[r.value for r in Role]), name="message_role_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.role}: {self.content[:40]}"

    def as_event(self) -> dict[str, object]:
        return {
            "id": self.pk,
            "reply_id": str(self.reply_id) if self.reply_id else None,
            "tool_call_id": self.tool_call_id,
            "role": self.role,
            "content": self.content,
            "tool_calls": self.tool_calls,
            "created_at": self.created_at.isoformat(),
        }
