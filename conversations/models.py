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


class Message(models.Model):
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="messages")
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
            "role": self.role,
            "content": self.content,
            "tool_calls": self.tool_calls,
            "created_at": self.created_at.isoformat(),
        }
