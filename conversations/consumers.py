"""The chat websocket: one connection per open conversation. See docs/websocket-protocol.md."""

from __future__ import annotations

import json
from typing import Any

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.conf import settings

from chatsite.accounts.models import User
from conversations.errors import ConversationError, ConversationNotFound, RateLimited
from conversations.models import Conversation
from conversations.selectors import conversation_get_for_user, conversation_state
from conversations.services import rate_limit_hit, reply_cancel, reply_request

# Close codes (4000-4999 are the application's own range).
CLOSE_UNAUTHENTICATED = 4401
CLOSE_NOT_FOUND = 4404
MAX_FRAME_BYTES = 64 * 1024


class ChatConsumer(AsyncJsonWebsocketConsumer):
    conversation: Conversation
    user: User

    async def connect(self) -> None:
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=CLOSE_UNAUTHENTICATED)
            return
        try:
            self.conversation = await database_sync_to_async(conversation_get_for_user)(
                user=user, conversation_id=self.scope["url_route"]["kwargs"]["conversation_id"]
            )
        except ConversationNotFound:
            await self.close(code=CLOSE_NOT_FOUND)
            return
        self.user = user
        await self.channel_layer.group_add(self.conversation.group_name, self.channel_name)
        await self.accept()

    async def disconnect(self, code: int) -> None:
        if hasattr(self, "conversation"):
            await self.channel_layer.group_discard(self.conversation.group_name, self.channel_name)

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None, **kwargs: Any) -> None:
        if text_data is None or len(text_data.encode()) > MAX_FRAME_BYTES:
            await self.send_error("invalid_frame", "Frames must be JSON text of at most 64 KB.")
            return
        try:
            content = json.loads(text_data)
        except ValueError:
            await self.send_error("invalid_json", "That frame is not valid JSON.")
            return
        if not isinstance(content, dict):
            await self.send_error("invalid_json", "A frame must be a JSON object with a type.")
            return
        await self.receive_json(content)

    async def receive_json(self, content: dict[str, Any], **kwargs: Any) -> None:
        # Flood control per connection: a client sending faster than a person can is told to slow down.
        if await database_sync_to_async(rate_limit_hit)(
            key=f"frames:{self.channel_name}", limit=settings.CHAT_FRAMES_PER_10S, window=10
        ):
            await self.send_error(RateLimited.code, "Too many messages at once. Please slow down.")
            return
        handlers = {"user_message": self.on_user_message, "sync": self.on_sync, "cancel": self.on_cancel}
        handler = handlers.get(content.get("type"))  # type: ignore[arg-type]
        if handler is None:
            await self.send_error("unknown_type", "Unknown message type.")
            return
        await handler(content)

    async def on_user_message(self, content: dict[str, Any]) -> None:
        if await database_sync_to_async(rate_limit_hit)(
            key=f"messages:{self.user.pk}", limit=settings.CHAT_MESSAGES_PER_MINUTE, window=60
        ):
            await self.send_error(RateLimited.code, "You are sending messages too fast. Wait a minute and try again.")
            return
        try:
            message, reply = await database_sync_to_async(reply_request)(
                conversation=self.conversation, text=content.get("text"), options=content.get("options")
            )
        except ConversationError as exc:
            await self.send_error(exc.code, str(exc))
            return
        await self.channel_layer.group_send(
            self.conversation.group_name, {"type": "chat.message", "message": message.as_event()}
        )
        await self.channel_layer.group_send(
            self.conversation.group_name, {"type": "client.event", "payload": reply.as_event()}
        )

    async def on_cancel(self, content: dict[str, Any]) -> None:
        stopped = await database_sync_to_async(reply_cancel)(
            conversation=self.conversation, reply_id=content.get("reply_id")
        )
        if not stopped:
            await self.send_error("not_running", "There is no answer being written to stop.")

    async def on_sync(self, content: dict[str, Any]) -> None:
        state = await database_sync_to_async(conversation_state)(conversation=self.conversation)
        await self.send_json({"type": "history", **state})

    async def send_error(self, code: str, detail: str) -> None:
        await self.send_json({"type": "error", "code": code, "detail": detail})

    # --- channel-layer events -------------------------------------------------------------------
    async def chat_message(self, event: dict[str, Any]) -> None:
        await self.send_json({"type": "message", "message": event["message"]})

    async def client_event(self, event: dict[str, Any]) -> None:
        """Events from services and workers (conversations.events): relayed to the browser as they are."""
        await self.send_json(event["payload"])
