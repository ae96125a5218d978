"""POST /v1/chat/completions: OpenAI's chat completions, answered by Atelier's chat model on the llm workers.

An interface only. The body is validated by `conversations.completions.request` (400 on any problem), the latest
user message is moderated (400 `content_policy_violation`), and the completion is handed to an llm worker through
`conversations.completions.relay`, which relays what the model writes: as one `chat.completion` object, or with
`stream: true` as server-sent `chat.completion.chunk` events ending with `data: [DONE]`. The web process never
loads the model.
"""

from __future__ import annotations

import contextlib
import json
import time
import uuid
from collections.abc import AsyncGenerator, AsyncIterator
from typing import Any, Literal

from asgiref.sync import sync_to_async
from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.utils.translation import gettext as _
from ninja import Router, Schema

from chatsite.api.auth import api_user
from chatsite.api.catalog import CHAT_MODEL_ID
from chatsite.api.errors import RATE_LIMIT, SERVER, ApiError
from chatsite.api.schemas import ErrorOut
from conversations.completions.relay import ChunkWriter, CompletionTimeout, completion_events, completion_object
from conversations.completions.request import ChatCompletionRequest
from conversations.completions.service import completion_check
from conversations.errors import CompletionRefused
from conversations.services import rate_limit_hit

router = Router(tags=["chat"])


# --- the answer, for the OpenAPI document ------------------------------------------------------------------

class FunctionOut(Schema):
    name: str
    arguments: str


class ToolCallOut(Schema):
    id: str
    type: Literal["function"] = "function"
    function: FunctionOut


class MessageOut(Schema):
    role: Literal["assistant"] = "assistant"
    content: str | None
    refusal: str | None = None
    tool_calls: list[ToolCallOut] | None = None


class ChoiceOut(Schema):
    index: int
    message: MessageOut
    logprobs: None = None
    finish_reason: Literal["stop", "length", "tool_calls", "content_filter"]


class UsageOut(Schema):
    prompt_tokens: int
    completion_tokens: int
    total_tokens: int


class ChatCompletionOut(Schema):
    id: str
    object: Literal["chat.completion"] = "chat.completion"
    created: int
    model: str
    system_fingerprint: str | None = None
    choices: list[ChoiceOut]
    usage: UsageOut


class FunctionDeltaOut(Schema):
    name: str | None = None
    arguments: str | None = None


class ToolCallDeltaOut(Schema):
    index: int
    id: str | None = None
    type: Literal["function"] | None = None
    function: FunctionDeltaOut | None = None


class DeltaOut(Schema):
    role: Literal["assistant"] | None = None
    content: str | None = None
    refusal: str | None = None
    tool_calls: list[ToolCallDeltaOut] | None = None


class ChunkChoiceOut(Schema):
    index: int
    delta: DeltaOut
    logprobs: None = None
    finish_reason: Literal["stop", "length", "tool_calls", "content_filter"] | None


class ChatCompletionChunkOut(Schema):
    """One `data:` event of a streamed completion."""

    id: str
    object: Literal["chat.completion.chunk"] = "chat.completion.chunk"
    created: int
    model: str
    system_fingerprint: str | None = None
    choices: list[ChunkChoiceOut]
    usage: UsageOut | None = None


def _inlined(schema: dict[str, Any]) -> dict[str, Any]:
    """A pydantic JSON schema with its `$defs` written in place: an inline schema of the OpenAPI document cannot
    point into `$defs` (a `$ref` there resolves against the whole document)."""
    definitions = schema.pop("$defs", {})

    def expand(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/$defs/"):
                return expand(definitions[ref.removeprefix("#/$defs/")])
            return {key: expand(value) for key, value in node.items()}
        if isinstance(node, list):
            return [expand(item) for item in node]
        return node

    return dict(expand(schema))


def _stream_event_schema() -> dict[str, Any]:
    """Each server-sent event of a streamed completion (Open API 3.1: the media type's schema describes one
    event): its `data` is a `chat.completion.chunk`, an error in OpenAI's shape, or the final `[DONE]`."""
    payload = {"anyOf": [_inlined(ChatCompletionChunkOut.model_json_schema()),
                         _inlined(ErrorOut.model_json_schema())]}
    return {
        "type": "object",
        "required": ["data"],
        "properties": {"data": {
            "type": "string",
            "if": {"const": "[DONE]"},
            "else": {"contentMediaType": "application/json", "contentSchema": payload},
        }},
    }


ERRORS = {
    400: "Invalid parameters (`invalid_request_error`), or a latest user message refused by the content policy "
         "(`code`: `content_policy_violation`).",
    401: "Missing, unknown or revoked API key (`code`: `invalid_api_key`).",
    404: "Unknown model (`code`: `model_not_found`).",
    429: "Too many chat requests this minute (`x-ratelimit-*-requests`, `retry-after` headers).",
    503: "The language model could not answer (`code`: `model_unavailable`).",
    504: "No language-model worker answered in time (`code`: `timeout`).",
}
OPENAPI = {"responses": {
    "200": {
        "description": "A `chat.completion` object; with `stream: true`, server-sent events: `data:` lines of "
                       "`chat.completion.chunk` objects (the role first, content deltas, tool-call deltas with "
                       "`index`, the chunk with `finish_reason`, with `stream_options.include_usage` a last chunk "
                       "with empty `choices` and the `usage`), then `data: [DONE]`. An error after the stream "
                       "began comes as one `data: {\"error\": {...}}` line.",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ChatCompletionOut"}},
                    "text/event-stream": {"schema": _stream_event_schema()}},
    },
    **{str(status): {"description": text} for status, text in ERRORS.items()},
}}


# --- the endpoint ----------------------------------------------------------------------------------------

def _data(payload: dict[str, Any] | str) -> str:
    body = payload if isinstance(payload, str) else json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return f"data: {body}\n\n"


def _backend_error(message: str) -> ApiError:
    return ApiError(503, _("The assistant could not answer (%(detail)s).") % {"detail": message[:120]},
                    type=SERVER, code="model_unavailable")


def _timeout() -> ApiError:
    return ApiError(504, _("The assistant did not answer in time. Please try again later."), type=SERVER,
                    code="timeout")


async def _sse(events: AsyncGenerator[dict[str, Any], None], writer: ChunkWriter) -> AsyncIterator[str]:
    async with contextlib.aclosing(events):
        yield _data(writer.first())
        try:
            async for event in events:
                if event["t"] == "error":
                    yield _data(_backend_error(event["message"]).body())
                    return
                for chunk in writer.event(event):
                    yield _data(chunk)
        except CompletionTimeout:
            yield _data(_timeout().body())
            return
        yield _data("[DONE]")


def _check_rate(user_id: int) -> None:
    limit = settings.CHAT_MESSAGES_PER_MINUTE
    if rate_limit_hit(key=f"api-chat:{user_id}", limit=limit, window=60):
        raise ApiError(429, _("Too many chat requests: at most %(n)d a minute.") % {"n": limit}, type=RATE_LIMIT,
                       code="rate_limit_exceeded",
                       headers={"retry-after": "60", "x-ratelimit-limit-requests": str(limit),
                                "x-ratelimit-remaining-requests": "0", "x-ratelimit-reset-requests": "1m0s"})


@router.post("/completions", response={200: ChatCompletionOut, **dict.fromkeys(ERRORS, ErrorOut)},
             summary="Create a chat completion", operation_id="createChatCompletion", openapi_extra=OPENAPI)
async def chat_completions(request: HttpRequest, body: ChatCompletionRequest) -> HttpResponse | StreamingHttpResponse:
    """Atelier's chat model answers the `messages`. It may call the built-in tools `generate_image` and
    `edit_image`, which run for the key's owner (moderation and daily quota included): the images come back as
    markdown image links (signed URLs, valid API_IMAGE_URL_MAX_AGE seconds) in the assistant's content. Calls to
    the tools you define in `tools` come back as `tool_calls` (`finish_reason: tool_calls`) for you to run;
    send their results as `tool` messages in the next request."""
    user = api_user(request)
    if body.model != CHAT_MODEL_ID:
        raise ApiError(404, _("The model '%(model)s' does not exist.") % {"model": body.model[:100]},
                       code="model_not_found", param="model")
    await sync_to_async(_check_rate)(user.pk)
    try:
        await sync_to_async(completion_check)(user=user, request=body)
    except CompletionRefused as exc:
        raise ApiError(400, str(exc), code="content_policy_violation", param="messages") from None

    from chatsite.api.images import signed_image_url

    completion_id = f"chatcmpl-{uuid.uuid4().hex}"
    created = int(time.time())
    events = completion_events(user_id=user.pk, request=body, image_url=lambda image: signed_image_url(request, image))
    if body.stream:
        writer = ChunkWriter(completion_id=completion_id, created=created, model=body.model,
                             include_usage=body.include_usage)
        return StreamingHttpResponse(_sse(events, writer), content_type="text/event-stream",
                                     headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})
    collected: list[dict[str, Any]] = []
    try:
        async with contextlib.aclosing(events):
            async for event in events:
                collected.append(event)
    except CompletionTimeout:
        raise _timeout() from None
    if not collected or collected[-1]["t"] == "error":
        raise _backend_error(collected[-1]["message"] if collected else "no answer")
    return JsonResponse(completion_object(completion_id=completion_id, created=created, model=body.model,
                                          events=collected))
