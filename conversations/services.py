"""Writes of conversations: create, rename, delete, post a message."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chatsite.accounts.models import User
from conversations.errors import InvalidMessage
from conversations.models import MAX_MESSAGE_CHARS, MAX_TITLE_CHARS, Conversation, Message, Role


@transaction.atomic
def conversation_create(*, user: User, title: str = "") -> Conversation:
    return Conversation.objects.create(user=user, title=title.strip()[:MAX_TITLE_CHARS])


@transaction.atomic
def conversation_start(*, user: User, text: object) -> Conversation:
    """A new conversation opened by its first message; nothing is stored if the message is invalid."""
    validate_user_text(text)
    conversation = conversation_create(user=user)
    message_post_user(conversation=conversation, text=text)
    return conversation


@transaction.atomic
def conversation_rename(*, conversation: Conversation, title: str) -> Conversation:
    conversation.title = title.strip()[:MAX_TITLE_CHARS]
    conversation.save(update_fields=["title"])
    return conversation


@transaction.atomic
def conversation_delete(*, conversation: Conversation) -> None:
    conversation.delete()


def validate_user_text(text: object) -> str:
    """A user message: a non-empty string of at most MAX_MESSAGE_CHARS characters, NULs removed."""
    if not isinstance(text, str):
        raise InvalidMessage(_("A message must be text."))
    text = text.replace("\x00", "").strip()
    if not text:
        raise InvalidMessage(_("The message is empty."))
    if len(text) > MAX_MESSAGE_CHARS:
        raise InvalidMessage(
            _("The message is too long: %(n)d characters, at most %(max)d.")
            % {"n": len(text), "max": MAX_MESSAGE_CHARS}
        )
    return text


@transaction.atomic
def message_post_user(*, conversation: Conversation, text: object) -> Message:
    """Store the user's message; the first one also names an untitled conversation."""
    content = validate_user_text(text)
    now = timezone.now()
    message = Message.objects.create(conversation=conversation, role=Role.USER, content=content, created_at=now)
    fields = ["updated_at"]
    conversation.updated_at = now
    if not conversation.title:
        conversation.title = content.splitlines()[0][:60]
        fields.append("title")
    conversation.save(update_fields=fields)
    return message
