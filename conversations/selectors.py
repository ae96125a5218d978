"""Reads of conversations. Every interface goes through `conversation_get_for_user` for access."""

from __future__ import annotations

import uuid
from typing import Any

from django.db.models import QuerySet

from chatsite.accounts.models import User
from conversations.errors import ConversationNotFound
from conversations.models import Conversation, Message, Reply, ReplyStatus


def conversation_list_for_user(*, user: User) -> QuerySet[Conversation]:
    return Conversation.objects.filter(user=user)


def conversation_get_for_user(*, user: User, conversation_id: uuid.UUID | str) -> Conversation:
    """The user's own conversation; anyone else's, or a malformed id, is simply not found."""
    try:
        cid = conversation_id if isinstance(conversation_id, uuid.UUID) else uuid.UUID(str(conversation_id))
    except ValueError:
        raise ConversationNotFound("No such conversation.") from None
    conversation = Conversation.objects.filter(pk=cid, user=user).first()
    if conversation is None or not user.is_active:
        raise ConversationNotFound("No such conversation.")
    return conversation


def message_list(*, conversation: Conversation) -> QuerySet[Message]:
    return Message.objects.filter(conversation=conversation)


def conversation_state(*, conversation: Conversation) -> dict[str, Any]:
    """Everything a browser needs to redraw the conversation after a (re)connect: stored messages,
    the reply being written (with its text so far), the conversation's image jobs and the images its
    owner uploaded to it. The caller has checked access (`conversation_get_for_user`)."""
    from conversations.services import reply_reap_stale

    reply_reap_stale(conversation=conversation)
    live = (
        Reply.objects.filter(conversation=conversation, status__in=[ReplyStatus.QUEUED, ReplyStatus.RUNNING])
        .order_by("-created_at")
        .first()
    )
    return {
        "messages": [m.as_event() for m in message_list(conversation=conversation)],
        "reply": live.as_event() if live else None,
        "image_jobs": image_job_events(conversation=conversation),
        "uploads": image_uploads(conversation=conversation),
    }


def image_job_events(*, conversation: Conversation) -> list[dict[str, Any]]:
    try:
        from imaging.selectors import image_job_events_for_conversation
    except ImportError:  # the imaging app has not provided it yet
        return []
    return image_job_events_for_conversation(conversation=conversation)


def image_uploads(*, conversation: Conversation) -> list[dict[str, Any]]:
    from imaging.selectors import image_uploads_for_conversation

    return image_uploads_for_conversation(conversation=conversation)
