"""Reads of conversations. Every interface goes through `conversation_get_for_user` for access."""

from __future__ import annotations

import uuid

from django.db.models import QuerySet

from chatsite.accounts.models import User
from conversations.errors import ConversationNotFound
from conversations.models import Conversation, Message


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
