"""Writes of conversations: create, rename, delete, post a message."""

from __future__ import annotations

import datetime as dt
import logging
import time
import uuid
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chatsite.accounts.models import User
from conversations.errors import InvalidMessage, ReplyInProgress
from conversations.events import conversation_event_send, conversation_event_send_on_commit
from conversations.llm.base import BackendError, ChatBackend, GenerationOptions, ToolCall
from conversations.models import (
    MAX_MESSAGE_CHARS,
    MAX_TITLE_CHARS,
    Conversation,
    Message,
    Reply,
    ReplyStatus,
    Role,
)
from conversations.tool_loop import openai_tool_calls, refusal_words, tool_loop
from conversations.tools import ToolResult

logger = logging.getLogger(__name__)


@transaction.atomic
def conversation_create(*, user: User, title: str = "") -> Conversation:
    return Conversation.objects.create(user=user, title=title.strip()[:MAX_TITLE_CHARS])


@transaction.atomic
def conversation_start(*, user: User, text: object, options: object = None) -> Conversation:
    """A new conversation opened by its first message, whose answer is queued at once.
    Nothing is stored if the message is invalid."""
    validate_user_text(text)
    conversation = conversation_create(user=user)
    reply_request(conversation=conversation, text=text, options=options)
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


# --- Assistant replies ----------------------------------------------------------------------------


def rate_limit_hit(*, key: str, limit: int, window: int) -> bool:
    """Fixed-window counter in the shared cache (Redis): True once `limit` is passed within `window` s."""
    bucket = f"ratelimit:{key}:{int(time.time() // window)}"
    cache.add(bucket, 0, timeout=window + 1)
    try:
        count = cache.incr(bucket)
    except ValueError:  # expired between add and incr
        cache.set(bucket, 1, timeout=window + 1)
        count = 1
    return count > limit


def _message_event(message: Message) -> dict[str, Any]:
    return {"type": "message", "message": message.as_event()}


def _clean_options(options: object) -> dict[str, Any]:
    """The composer's image options, kept only when well-formed (the tools validate them again)."""
    if not isinstance(options, dict):
        return {}
    clean: dict[str, Any] = {}
    if options.get("size") in ("256x256", "512x512", "1024x1024"):
        clean["size"] = options["size"]
    if isinstance(options.get("n"), int) and 1 <= options["n"] <= 4:
        clean["n"] = options["n"]
    if isinstance(options.get("seed"), int) and 0 <= options["seed"] < 2**32:
        clean["seed"] = options["seed"]
    if isinstance(options.get("negative_prompt"), str) and options["negative_prompt"].strip():
        clean["negative_prompt"] = options["negative_prompt"].strip()[:1000]
    return clean


@transaction.atomic
def reply_request(*, conversation: Conversation, text: object, options: object = None) -> tuple[Message, Reply]:
    """Store the user's message and queue the assistant's reply (run by the llm worker after commit).

    Refuses while another reply of the conversation is still being written.
    """
    Conversation.objects.select_for_update().filter(pk=conversation.pk).first()  # one reply at a time
    if Reply.objects.filter(conversation=conversation, status__in=[ReplyStatus.QUEUED, ReplyStatus.RUNNING]).exists():
        raise ReplyInProgress(_("Please wait for the current answer, or stop it, before sending another message."))
    message = message_post_user(conversation=conversation, text=text)
    reply = Reply.objects.create(conversation=conversation, options=_clean_options(options))
    message.reply = reply
    message.save(update_fields=["reply"])
    from conversations.tasks import assistant_reply

    reply_id = str(reply.pk)
    transaction.on_commit(lambda: assistant_reply.delay(reply_id))
    return message, reply


def reply_stop_key(reply_id: uuid.UUID | str) -> str:
    return f"reply-stop:{reply_id}"


def reply_cancel(*, conversation: Conversation, reply_id: object) -> bool:
    """Ask the worker to stop a reply of this conversation. False when there is no such running reply."""
    try:
        rid = uuid.UUID(str(reply_id))
    except ValueError:
        return False
    with transaction.atomic():
        reply = Reply.objects.select_for_update().filter(pk=rid, conversation=conversation).first()
        if reply is None or reply.is_terminal:
            return False
        if reply.status == ReplyStatus.QUEUED:  # not started: end it here, the task will be a no-op
            _reply_finish(reply, ReplyStatus.CANCELLED)
            return True
    cache.set(reply_stop_key(rid), 1, timeout=3600)
    return True


def _reply_finish(reply: Reply, status: ReplyStatus, error: str = "") -> None:
    """Must be called inside a transaction holding the reply row."""
    reply.status = status
    reply.error = error[:200]
    reply.partial_text = ""
    reply.finished_at = timezone.now()
    reply.save(update_fields=["status", "error", "partial_text", "finished_at"])
    conversation_event_send_on_commit(
        conversation_id=reply.conversation_id,
        payload={"type": "reply_done", "reply_id": str(reply.pk), "status": status, "error": reply.error},
    )


def reply_reap_stale(*, conversation: Conversation) -> int:
    """End replies that no worker finished in time (a dead or missing llm worker). Returns how many."""
    limit = timezone.now() - dt.timedelta(seconds=settings.CHAT_REPLY_TIME_LIMIT + 60)
    reaped = 0
    with transaction.atomic():
        stale = Reply.objects.select_for_update().filter(
            conversation=conversation, status__in=[ReplyStatus.QUEUED, ReplyStatus.RUNNING], created_at__lt=limit
        )
        for reply in stale:
            _reply_finish(reply, ReplyStatus.FAILED, error=_("The assistant did not answer in time."))
            reaped += 1
    return reaped


class _ReplyStream:
    """Batches streamed tokens into events, keeps the partial text for reconnects, polls for Stop."""

    FLUSH_SECONDS = 0.05
    PERSIST_SECONDS = 0.5
    STOP_POLL_SECONDS = 0.2

    def __init__(self, reply: Reply) -> None:
        self.reply = reply
        self.text = ""
        self.sent = 0
        self.last_flush = self.last_persist = self.last_poll = time.monotonic()
        self.stopped = False

    def add(self, piece: str) -> None:
        self.text += piece
        now = time.monotonic()
        if now - self.last_flush >= self.FLUSH_SECONDS:
            self.flush()
        if now - self.last_persist >= self.PERSIST_SECONDS:
            Reply.objects.filter(pk=self.reply.pk).update(partial_text=self.text)
            self.last_persist = now

    def flush(self) -> None:
        if self.sent < len(self.text):
            conversation_event_send(
                conversation_id=self.reply.conversation_id,
                payload={"type": "token", "reply_id": str(self.reply.pk), "offset": self.sent,
                         "text": self.text[self.sent:]},
            )
            self.sent = len(self.text)
        self.last_flush = time.monotonic()

    def should_stop(self) -> bool:
        now = time.monotonic()
        if not self.stopped and now - self.last_poll >= self.STOP_POLL_SECONDS:
            self.last_poll = now
            self.stopped = bool(cache.get(reply_stop_key(self.reply.pk)))
        return self.stopped

    def new_round(self) -> None:
        self.flush()
        self.text, self.sent = "", 0
        Reply.objects.filter(pk=self.reply.pk).update(partial_text="")


def _history(conversation: Conversation, limit: int = 16) -> list[dict[str, Any]]:
    """The conversation in OpenAI's chat format, most recent `limit` messages, starting at a user turn."""
    recent = list(Message.objects.filter(conversation=conversation).order_by("-created_at", "-id")[:limit])[::-1]
    while recent and recent[0].role != Role.USER:
        recent.pop(0)
    history: list[dict[str, Any]] = []
    for m in recent:
        if m.role == Role.TOOL:
            history.append({"role": "tool", "tool_call_id": m.tool_call_id, "content": m.content})
        elif m.role == Role.ASSISTANT and m.tool_calls:
            history.append({"role": "assistant", "content": m.content or None, "tool_calls": m.tool_calls})
        else:
            history.append({"role": m.role, "content": m.content})
    return history


def _store(reply: Reply, role: Role, content: str = "", **fields: Any) -> Message:
    message = Message.objects.create(
        conversation_id=reply.conversation_id, reply=reply, role=role, content=content, **fields
    )
    conversation_event_send(conversation_id=reply.conversation_id, payload=_message_event(message))
    return message


class _ReplyHooks:
    """The chat's side of the tool loop: history from the database, every message stored and announced."""

    def __init__(self, reply: Reply, stream: _ReplyStream) -> None:
        self.reply = reply
        self.stream = stream

    def history(self) -> list[dict[str, Any]]:
        return _history(self.reply.conversation)

    def on_text(self, piece: str) -> None:
        self.stream.add(piece)

    def on_tool_call(self, call: ToolCall) -> None:
        self.stream.flush()
        conversation_event_send(
            conversation_id=self.reply.conversation_id,
            payload={"type": "tool_call", "reply_id": str(self.reply.pk), "name": call.name},
        )

    def on_round(self, text: str, calls: list[ToolCall]) -> None:
        self.stream.flush()
        if text or calls:
            _store(self.reply, Role.ASSISTANT, text, tool_calls=openai_tool_calls(calls))
        self.stream.new_round()

    def on_tool_result(self, call: ToolCall, result: ToolResult) -> None:
        _store(self.reply, Role.TOOL, result.as_text(), tool_call_id=call.id)

    def should_stop(self) -> bool:
        self.stream.flush()
        return self.stream.should_stop()


def reply_run(*, reply_id: uuid.UUID | str, backend: ChatBackend) -> None:
    """Write one assistant turn: moderate the user's message, stream the model, run its tool calls
    (validated, at most CHAT_MAX_TOOL_CALLS), store every message, announce each after it is stored.

    Idempotent: a finished reply is a no-op; a reply found already running (its worker died) ends as
    failed instead of repeating tool calls that may have been charged.
    """
    from conversations.tools import ToolContext, tool_call, tool_specs
    from moderation.services import Stage, prompt_moderate

    with transaction.atomic():
        reply = Reply.objects.select_for_update().select_related("conversation__user__plan").filter(pk=reply_id).first()
        if reply is None:  # the conversation was deleted before a worker took the task
            logger.info("reply %s no longer exists", reply_id)
            return
        if reply.is_terminal:
            return
        if reply.status == ReplyStatus.RUNNING:
            _reply_finish(reply, ReplyStatus.FAILED, error=_("The answer was interrupted. Please ask again."))
            return
        reply.status = ReplyStatus.RUNNING
        reply.started_at = timezone.now()
        reply.save(update_fields=["status", "started_at"])
    conversation, user = reply.conversation, reply.conversation.user
    stream = _ReplyStream(reply)
    try:
        question = Message.objects.filter(reply=reply, role=Role.USER).first()
        verdict = prompt_moderate(user=user, text=question.content if question else "", stage=Stage.MESSAGE)
        if not verdict.allowed:
            _store(reply, Role.ASSISTANT, verdict.user_message or _("I can't help with that request."))
            with transaction.atomic():
                _reply_finish(reply, ReplyStatus.SUCCEEDED)
            return
        ctx = ToolContext(user=user, conversation=conversation, options=reply.options)
        options = GenerationOptions(
            max_tokens=settings.LLM_MAX_TOKENS, temperature=settings.LLM_TEMPERATURE, should_stop=stream.should_stop
        )

        def run_tool(call: ToolCall) -> ToolResult:
            reply.tool_calls_made += 1
            Reply.objects.filter(pk=reply.pk).update(tool_calls_made=reply.tool_calls_made)
            return tool_call(ctx, call.name, call.arguments)

        outcome = tool_loop(backend=backend, hooks=_ReplyHooks(reply, stream), tools=tool_specs(), run_tool=run_tool,
                            options=options, max_calls=settings.CHAT_MAX_TOOL_CALLS,
                            tool_calls_made=reply.tool_calls_made)
        if outcome.finish == "cancelled":
            if outcome.text:
                _store(reply, Role.ASSISTANT, outcome.text)
            with transaction.atomic():
                _reply_finish(reply, ReplyStatus.CANCELLED)
            return
        if outcome.refusal is not None:
            _store(reply, Role.ASSISTANT, refusal_words(outcome.refusal, user))
        with transaction.atomic():
            _reply_finish(reply, ReplyStatus.SUCCEEDED)
    except Exception as exc:
        logger.exception("reply %s failed", reply.pk)
        with transaction.atomic():
            locked = Reply.objects.select_for_update().get(pk=reply.pk)
            if not locked.is_terminal:
                detail = str(exc) if isinstance(exc, BackendError) else type(exc).__name__
                _reply_finish(locked, ReplyStatus.FAILED, error=_("The assistant could not answer (%(detail)s).")
                              % {"detail": detail[:120]})
        if not isinstance(exc, BackendError):
            raise
