"""Push events to the browsers that have a conversation open (its channel-layer group).

Workers and services call these; the consumer relays `payload` to the client unchanged. Payloads carry
ids, status and URLs, never image bytes. Send after commit so that an event never announces a row
that the database rolled back.
"""

from __future__ import annotations

import uuid
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction


def group_name(conversation_id: uuid.UUID | str) -> str:
    cid = conversation_id if isinstance(conversation_id, uuid.UUID) else uuid.UUID(str(conversation_id))
    return f"conversation.{cid.hex}"


def conversation_event_send(*, conversation_id: uuid.UUID | str, payload: dict[str, Any]) -> None:
    """Send now (synchronous code only). `payload["type"]` is the client-side event type."""
    layer = get_channel_layer()
    if layer is None:
        return
    async_to_sync(layer.group_send)(group_name(conversation_id), {"type": "client.event", "payload": payload})


def conversation_event_send_on_commit(*, conversation_id: uuid.UUID | str, payload: dict[str, Any]) -> None:
    """Send once the current transaction commits (immediately when there is none)."""
    transaction.on_commit(lambda: conversation_event_send(conversation_id=conversation_id, payload=payload))
