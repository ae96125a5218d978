"""A stateless chat completion: the chat's tool loop over the caller's messages (run by the llm worker).

Nothing is stored in conversations: the request carries the whole history. What the model writes goes to a
`CompletionSink` as it happens (the task publishes it for the API view to relay). Built-in image tools run for
the key's owner exactly as in the chat (argument validation, prompt moderation, quota, the gpu queue): their jobs
are reported to the sink, which waits for the images. A call to one of the caller's tools ends the completion
with `tool_calls` for the caller to run.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any, Protocol

from django.conf import settings

from chatsite.accounts.models import User
from conversations.completions.request import ChatCompletionRequest, NamedToolChoice, history
from conversations.llm.base import BackendError, ChatBackend, GenerationOptions, ToolCall, ToolSpec, Usage
from conversations.tool_loop import openai_tool_calls, refusal_words, tool_loop, tool_result_message
from conversations.tools import ToolContext, ToolResult, tool_call, tool_specs

logger = logging.getLogger(__name__)

# Image ids as the API's URLs carry them (hex) or as people write them (dashed).
_IMAGE_ID = re.compile(r"\b[0-9a-f]{32}\b|\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b")
ROUND_SEPARATOR = "\n\n"


class CompletionSink(Protocol):
    """Where a completion goes, in order: text pieces, caller tool calls and image jobs, then `done` (or
    `error`) exactly once."""

    def text(self, piece: str) -> None: ...

    def tool_call(self, index: int, call: ToolCall) -> None: ...

    def image_job(self, job_id: str) -> None: ...

    def done(self, finish_reason: str, usage: Usage) -> None: ...

    def error(self, message: str) -> None: ...


class _Hooks:
    """The API's side of the tool loop: the history is the request's messages plus this turn's rounds."""

    def __init__(self, messages: list[dict[str, Any]], sink: CompletionSink, should_stop: Callable[[], bool]) -> None:
        self.messages = messages
        self.sink = sink
        self._should_stop = should_stop
        self.wrote = False  # text already went out (a later round starts on a new paragraph)
        self.round_wrote = False

    def history(self) -> list[dict[str, Any]]:
        return list(self.messages)  # a snapshot: the model may keep it while the turn goes on

    def write(self, piece: str) -> None:
        if not piece:
            return
        if self.wrote and not self.round_wrote:
            piece = ROUND_SEPARATOR + piece.lstrip()
        self.wrote = self.round_wrote = True
        self.sink.text(piece)

    def on_text(self, piece: str) -> None:
        self.write(piece)

    def on_tool_call(self, call: ToolCall) -> None:
        pass

    def on_round(self, text: str, calls: list[ToolCall]) -> None:
        self.round_wrote = False
        if text or calls:
            self.messages.append({"role": "assistant", "content": text or None,
                                  "tool_calls": openai_tool_calls(calls)})

    def on_tool_result(self, call: ToolCall, result: ToolResult) -> None:
        self.messages.append(tool_result_message(call, result))

    def should_stop(self) -> bool:
        return self._should_stop()


def referenced_images(*, user: User, messages: list[dict[str, Any]]) -> tuple[str, ...]:
    """Ids of the user's images that the messages mention (image URLs the API handed out), in order of last
    mention: what `edit_image` edits when the model names no image."""
    from imaging.models import Image

    mentioned: list[str] = []
    for message in messages:
        for match in _IMAGE_ID.findall(str(message.get("content") or "")):
            hex_id = match.replace("-", "")
            if hex_id in mentioned:
                mentioned.remove(hex_id)
            mentioned.append(hex_id)
    mentioned = mentioned[-50:]
    owned = {image.hex for image in Image.objects.filter(owner=user, pk__in=mentioned).values_list("pk", flat=True)}
    return tuple(hex_id for hex_id in mentioned if hex_id in owned)


def _offered_tools(request: ChatCompletionRequest) -> tuple[list[ToolSpec], set[str], str | None]:
    """(the tools the model sees, the names that are the caller's, the backend's tool_choice)."""
    caller = [ToolSpec(name=t.function.name, description=t.function.description, parameters=t.function.parameters)
              for t in request.tools or []]
    caller_names = {spec.name for spec in caller}
    # A caller's tool of the same name replaces the built-in one.
    tools = [spec for spec in tool_specs() if spec.name not in caller_names] + caller
    choice = request.tool_choice
    if choice == "none":
        return [], caller_names, None
    if isinstance(choice, NamedToolChoice):
        return [spec for spec in tools if spec.name == choice.function.name], caller_names, "required"
    return tools, caller_names, "required" if choice == "required" else None


def completion_run(
    *,
    user: User,
    request: ChatCompletionRequest,
    backend: ChatBackend,
    sink: CompletionSink,
    should_stop: Callable[[], bool] = lambda: False,
) -> None:
    """Answer one chat completion request for `user` (the API key's owner). Never raises for the model's or
    the tools' failures: they end as `sink.error` (backend) or in the assistant's words (tools)."""
    messages = history(request)
    tools, caller_names, choice = _offered_tools(request)
    offered = {spec.name for spec in tools}
    ctx = ToolContext(user=user, conversation=None, images=referenced_images(user=user, messages=messages))

    def run_tool(call: ToolCall) -> ToolResult | None:
        if call.name not in offered:  # a tool the request did not offer (tool_choice none, or another name)
            return ToolResult({"error": "unknown_tool", "detail": f"no tool named {call.name!r}",
                               "tools": sorted(offered)}, ok=False)
        if call.name in caller_names:
            return None
        result = tool_call(ctx, call.name, call.arguments)
        if result.ok and result.content.get("job_id"):
            sink.image_job(str(result.content["job_id"]))
        return result

    temperature = request.temperature if request.temperature is not None else settings.LLM_TEMPERATURE
    limit = request.completion_tokens_limit
    options = GenerationOptions(max_tokens=limit or settings.LLM_MAX_TOKENS, temperature=temperature,
                                should_stop=should_stop, tool_choice=choice)
    hooks = _Hooks(messages, sink, should_stop)
    try:
        outcome = tool_loop(backend=backend, hooks=hooks, tools=tools, run_tool=run_tool, options=options,
                            max_calls=settings.CHAT_MAX_TOOL_CALLS, token_budget=limit)
    except BackendError as exc:
        logger.warning("chat completion failed: %s", exc)
        sink.error(str(exc))
        return
    finish: str = outcome.finish
    if outcome.refusal is not None:
        hooks.write(refusal_words(outcome.refusal, user))
        finish = "content_filter" if outcome.refusal.content.get("error") == "content_policy" else "stop"
    elif finish == "tool_calls":
        for index, call in enumerate(outcome.external_calls):
            sink.tool_call(index, call)
    elif finish == "cancelled":
        finish = "stop"
    sink.done(finish, outcome.usage)
