"""Both ends of a completion's trip through the llm worker, and OpenAI's shapes for what comes back.

The web process subscribes a fresh channel to the group `completion.<uuid hex>` *before* it queues the task
(ids and plain JSON only), so nothing the worker publishes is missed. The worker publishes text in batches, the
caller's tool calls, the image jobs its tools queued and a last `done` (or `error`). The web side then waits for
the image jobs (polling their rows: API jobs belong to no conversation, so no event announces them) and adds each
image to the assistant's text as a signed URL. A client that goes away stops the worker (a cache flag it polls)
and cancels the image jobs still running, which refunds them.

The ASGI process imports this module: no torch, no model code.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import uuid
from collections.abc import AsyncGenerator, Callable
from typing import Any

from asgiref.sync import async_to_sync, sync_to_async
from channels.layers import get_channel_layer
from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _

from conversations.completions.request import ChatCompletionRequest
from conversations.llm.base import ToolCall, Usage

logger = logging.getLogger(__name__)

EVENT_TYPE = "completion.event"
TEXT_FLUSH_SECONDS = 0.05
STOP_POLL_SECONDS = 0.2
POLL_FIRST_S, POLL_MAX_S = 0.05, 0.5
ARGUMENT_FRAGMENT_CHARS = 24


def new_completion_id() -> str:
    return uuid.uuid4().hex


def group_name(completion_id: str) -> str:
    return f"completion.{uuid.UUID(completion_id).hex}"


def stop_key(completion_id: str) -> str:
    return f"completion-stop:{uuid.UUID(completion_id).hex}"


def worker_wait_seconds() -> float:
    """How long the web side waits for the worker (queue included) before answering a timeout."""
    return float(settings.CHAT_REPLY_TIME_LIMIT + 60)


# --- the worker's side ------------------------------------------------------------------------------------


class ChannelSink:
    """A `CompletionSink` that publishes on the completion's group; text is batched (at most one message per
    TEXT_FLUSH_SECONDS) so that a fast model cannot fill the channel's capacity."""

    def __init__(self, completion_id: str) -> None:
        self.group = group_name(completion_id)
        self.key = stop_key(completion_id)
        self.layer = get_channel_layer()
        self.pending = ""
        self.last_flush = time.monotonic()
        self.last_poll = 0.0
        self.stopped = False

    def _send(self, event: dict[str, Any]) -> None:
        if self.layer is not None:
            async_to_sync(self.layer.group_send)(self.group, {"type": EVENT_TYPE, "event": event})

    def flush(self) -> None:
        if self.pending:
            self._send({"t": "text", "text": self.pending})
            self.pending = ""
        self.last_flush = time.monotonic()

    def text(self, piece: str) -> None:
        self.pending += piece
        if time.monotonic() - self.last_flush >= TEXT_FLUSH_SECONDS:
            self.flush()

    def tool_call(self, index: int, call: ToolCall) -> None:
        self.flush()
        self._send({"t": "tool_call", "index": index, "id": call.id, "name": call.name, "arguments": call.arguments})

    def image_job(self, job_id: str) -> None:
        self.flush()
        self._send({"t": "image_job", "job_id": job_id})

    def done(self, finish_reason: str, usage: Usage) -> None:
        self.flush()
        self._send({"t": "done", "finish_reason": finish_reason,
                    "usage": {"prompt_tokens": usage.prompt_tokens, "completion_tokens": usage.completion_tokens}})

    def error(self, message: str) -> None:
        self.flush()
        self._send({"t": "error", "message": message})

    def should_stop(self) -> bool:
        """The web side gave up (client gone, timeout): polled between tokens, at most every 0.2 s."""
        now = time.monotonic()
        if not self.stopped and now - self.last_poll >= STOP_POLL_SECONDS:
            self.last_poll = now
            self.stopped = bool(cache.get(self.key))
        return self.stopped


# --- the web side -----------------------------------------------------------------------------------------


class CompletionTimeout(Exception):
    """The worker did not answer within `worker_wait_seconds()` (none running, or the queue is long)."""


def _enqueue(completion_id: str, user_id: int, request: ChatCompletionRequest) -> None:
    from conversations.tasks import chat_completion

    chat_completion.apply_async(
        args=(completion_id, user_id, request.model_dump(mode="json", exclude_none=True)),
        expires=worker_wait_seconds(),  # a task nobody waits for any more is dropped, not run
    )


def _job_status(job_id: str) -> str:
    from imaging.models import ImageJob

    return str(ImageJob.objects.filter(pk=job_id).values_list("status", flat=True).get())


def _cancel_job(user_id: int, job_id: str) -> None:
    from imaging.models import ImageJob
    from imaging.services import image_job_cancel

    job = ImageJob.objects.select_related("user").filter(pk=job_id, user_id=user_id).first()
    if job is not None:
        image_job_cancel(user=job.user, job=job)


def image_markdown(alt: str, url: str) -> str:
    alt = " ".join(alt.replace("[", "(").replace("]", ")").split())[:120]
    return f"![{alt}]({url})"


def _job_text(job_id: str, image_url: Callable[[Any], str]) -> str:
    """The finished job in words for the assistant's message: its images as markdown, or why there are none."""
    from imaging.models import VISIBLE_STATES, ImageJob, JobStatus
    from imaging.selectors import error_message

    job = ImageJob.objects.get(pk=job_id)
    if job.status == JobStatus.SUCCEEDED:
        images = list(job.images.order_by("index"))
        shown = [image_markdown(job.prompt, image_url(image)) for image in images
                 if image.moderation_state in VISIBLE_STATES]
        if len(shown) < len(images):
            shown.append(_("An image was held back by the content policy."))
        return "\n\n".join(shown)
    if job.status == JobStatus.BLOCKED:
        return _("The image was held back by the content policy. It was not charged.")
    if job.status == JobStatus.CANCELLED:
        return _("The image was cancelled. It was not charged.")
    return _("The image could not be made (%(reason)s). It was not charged.") % {
        "reason": job.error or error_message(job.error_code)}


async def _wait_job(job_id: str, deadline: float) -> bool:
    """Poll the job's row (backing off from 50 ms to 500 ms) until it is finished: False past the deadline."""
    from imaging.models import TERMINAL_STATUSES

    delay = POLL_FIRST_S
    while True:
        if await sync_to_async(_job_status)(job_id) in TERMINAL_STATUSES:
            return True
        if time.monotonic() >= deadline:
            return False
        await asyncio.sleep(delay)
        delay = min(delay * 1.5, POLL_MAX_S)


async def completion_events(
    *, user_id: int, request: ChatCompletionRequest, image_url: Callable[[Any], str]
) -> AsyncGenerator[dict[str, Any], None]:
    """Queue the completion on the llm worker and yield what it writes: `{"t": "text", "text"}`,
    `{"t": "tool_call", "index", "id", "name", "arguments"}`, then `{"t": "done", "finish_reason", "usage"}` or
    `{"t": "error", "message"}`. Image jobs are awaited before `done` and come out as text (markdown images).

    Raises CompletionTimeout when the worker stays silent too long. Closing the iterator early stops the
    worker and cancels the image jobs not yet finished.
    """
    completion_id = new_completion_id()
    layer = get_channel_layer()
    if layer is None:
        raise RuntimeError("chat completions need a channel layer")
    channel = await layer.new_channel()
    group = group_name(completion_id)
    await layer.group_add(group, channel)
    jobs: list[str] = []
    pending: set[str] = set()
    finished = False
    try:
        await sync_to_async(_enqueue)(completion_id, user_id, request)
        deadline = time.monotonic() + worker_wait_seconds()
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise CompletionTimeout
            try:
                message = await asyncio.wait_for(layer.receive(channel), timeout=left)
            except TimeoutError:
                raise CompletionTimeout from None
            if message.get("type") != EVENT_TYPE:
                continue
            event = message["event"]
            if event["t"] == "image_job":
                jobs.append(event["job_id"])
                pending.add(event["job_id"])
                continue
            if event["t"] == "error":
                finished = True
                yield event
                return
            if event["t"] != "done":
                yield event
                continue
            image_deadline = time.monotonic() + float(settings.API_IMAGE_WAIT_SECONDS)
            for job_id in jobs:
                if await _wait_job(job_id, image_deadline):
                    pending.discard(job_id)
                else:
                    await _cancel_quietly(user_id, job_id)
                    pending.discard(job_id)
                text = await sync_to_async(_job_text)(job_id, image_url)
                if text:
                    yield {"t": "text", "text": "\n\n" + text}
            finished = True
            yield event
            return
    finally:
        if not finished:  # the client went away, or the worker timed out
            await asyncio.shield(sync_to_async(cache.set)(stop_key(completion_id), 1, 3600))
            for job_id in pending:
                await _cancel_quietly(user_id, job_id)
        with contextlib.suppress(Exception):
            await layer.group_discard(group, channel)


async def _cancel_quietly(user_id: int, job_id: str) -> None:
    try:
        await asyncio.shield(sync_to_async(_cancel_job)(user_id, job_id))
    except Exception:  # noqa: BLE001 - the reaper ends the job if this fails; the answer must still go out
        logger.warning("could not cancel image job %s", job_id, exc_info=True)


# --- OpenAI's shapes --------------------------------------------------------------------------------------


def usage_object(usage: dict[str, int]) -> dict[str, int]:
    prompt, completion = int(usage.get("prompt_tokens", 0)), int(usage.get("completion_tokens", 0))
    return {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion}


class ChunkWriter:
    """`chat.completion.chunk` objects for one streamed completion (OpenAI's order: the role first, content
    deltas, each tool call as its id and name then argument fragments, the finish reason, the usage chunk)."""

    def __init__(self, *, completion_id: str, created: int, model: str, include_usage: bool) -> None:
        self.id = completion_id
        self.created = created
        self.model = model
        self.include_usage = include_usage

    def chunk(self, delta: dict[str, Any], finish_reason: str | None = None) -> dict[str, Any]:
        body: dict[str, Any] = {
            "id": self.id, "object": "chat.completion.chunk", "created": self.created, "model": self.model,
            "system_fingerprint": None,
            "choices": [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish_reason}],
        }
        if self.include_usage:
            body["usage"] = None
        return body

    def first(self) -> dict[str, Any]:
        return self.chunk({"role": "assistant", "content": "", "refusal": None})

    def event(self, event: dict[str, Any]) -> list[dict[str, Any]]:
        """The chunks for one relay event (`error` is not a chunk: see `error_body`)."""
        if event["t"] == "text":
            return [self.chunk({"content": event["text"]})] if event["text"] else []
        if event["t"] == "tool_call":
            head = {"index": event["index"], "id": event["id"], "type": "function",
                    "function": {"name": event["name"], "arguments": ""}}
            chunks = [self.chunk({"tool_calls": [head]})]
            arguments = event["arguments"]
            for start in range(0, len(arguments), ARGUMENT_FRAGMENT_CHARS):
                fragment = arguments[start:start + ARGUMENT_FRAGMENT_CHARS]
                chunks.append(self.chunk({"tool_calls": [{"index": event["index"],
                                                          "function": {"arguments": fragment}}]}))
            return chunks
        if event["t"] == "done":
            chunks = [self.chunk({}, finish_reason=event["finish_reason"])]
            if self.include_usage:
                chunks.append({"id": self.id, "object": "chat.completion.chunk", "created": self.created,
                               "model": self.model, "system_fingerprint": None, "choices": [],
                               "usage": usage_object(event["usage"])})
            return chunks
        return []


def completion_object(*, completion_id: str, created: int, model: str,
                      events: list[dict[str, Any]]) -> dict[str, Any]:
    """The `chat.completion` object for a finished completion's relay events (the last one is `done`)."""
    content = "".join(e["text"] for e in events if e["t"] == "text")
    calls = [{"id": e["id"], "type": "function", "function": {"name": e["name"], "arguments": e["arguments"]}}
             for e in events if e["t"] == "tool_call"]
    done = events[-1]
    message: dict[str, Any] = {"role": "assistant", "content": content or None, "refusal": None}
    if calls:
        message["tool_calls"] = calls
    elif message["content"] is None:
        message["content"] = ""
    return {
        "id": completion_id, "object": "chat.completion", "created": created, "model": model,
        "system_fingerprint": None,
        "choices": [{"index": 0, "message": message, "logprobs": None, "finish_reason": done["finish_reason"]}],
        "usage": usage_object(done["usage"]),
    }
