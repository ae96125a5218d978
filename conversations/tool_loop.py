"""The bounded tool loop shared by the chat (`services.reply_run`) and the API (`completions`).

One assistant turn: stream the model, run the tool calls it makes (at most `max_calls`, each validated by the
registry), give it the results, and stream it again, until it answers in words, is stopped, spends its token
budget, calls a tool the caller runs itself, or a tool refuses in the user's name (quota, policy, busy queue).

The loop keeps no state of its own: the caller's `hooks` say where the history lives (the database for the chat,
the request's messages for the API) and what each step shows. Free of HTTP and websockets.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, Literal, Protocol

from django.utils import timezone
from django.utils.translation import gettext as _

from chatsite.accounts.models import User
from conversations.llm.base import ChatBackend, GenerationOptions, TextDelta, ToolCall, ToolSpec, Usage
from conversations.tools import ToolResult

Finish = Literal["stop", "length", "tool_calls", "cancelled", "refused"]


class LoopHooks(Protocol):
    """What the loop asks of its caller. Every method is called from the loop's thread, in order."""

    def history(self) -> list[dict[str, Any]]:
        """The conversation so far in OpenAI's chat format (what the model sees next)."""
        ...

    def on_text(self, piece: str) -> None:
        """A piece of the assistant's text as it is generated."""
        ...

    def on_tool_call(self, call: ToolCall) -> None:
        """The model finished writing a tool call (before it runs)."""
        ...

    def on_round(self, text: str, calls: list[ToolCall]) -> None:
        """One model round ended (not stopped): its text (stripped) and tool calls, to add to the history."""
        ...

    def on_tool_result(self, call: ToolCall, result: ToolResult) -> None:
        """A built-in tool ran (or was refused by the loop): its result, to add to the history."""
        ...

    def should_stop(self) -> bool:
        """Polled between tokens and rounds; True ends the turn as cancelled."""
        ...


@dataclass
class LoopOutcome:
    finish: Finish
    # The last round's text (for `cancelled`: what was written before the Stop).
    text: str = ""
    # Calls to tools the caller runs itself (`finish == "tool_calls"`).
    external_calls: list[ToolCall] = field(default_factory=list)
    # The tool result that ended the turn in the user's name (`finish == "refused"`).
    refusal: ToolResult | None = None
    usage: Usage = field(default_factory=Usage)
    tool_calls_made: int = 0


def too_many_calls_result(max_calls: int) -> ToolResult:
    return ToolResult({"error": "too_many_tool_calls", "detail": f"at most {max_calls} tool calls per answer"},
                      ok=False)


def tool_loop(
    *,
    backend: ChatBackend,
    hooks: LoopHooks,
    tools: list[ToolSpec],
    run_tool: Callable[[ToolCall], ToolResult | None],
    options: GenerationOptions,
    max_calls: int,
    tool_calls_made: int = 0,
    token_budget: int | None = None,
) -> LoopOutcome:
    """Run one assistant turn (see the module docstring).

    `run_tool` runs a built-in tool, or returns None for a tool the caller runs itself: the turn then ends with
    `tool_calls` once the round's built-in calls have run. Tools are offered while fewer than `max_calls` calls
    were made (`tool_calls_made` counts earlier ones); calls beyond it get a `too_many_tool_calls` error.
    `options.tool_choice` applies to the first round only (a forced call would otherwise repeat itself).
    `token_budget` bounds the completion tokens of all rounds together (`length` when spent).
    """
    usage = Usage()
    made = tool_calls_made
    round_options = options
    text = ""
    for _round in range(max_calls + 1):  # a model that keeps calling tools it was not offered ends here
        offered = tools if made < max_calls else []
        if token_budget is not None:
            left = token_budget - usage.completion_tokens
            if left <= 0:
                return LoopOutcome("length", usage=usage, tool_calls_made=made)
            round_options = replace(round_options, max_tokens=min(options.max_tokens, left))
        text, calls, round_usage = "", [], Usage()
        for event in backend.stream(hooks.history(), offered, round_options):
            if isinstance(event, TextDelta):
                text += event.text
                hooks.on_text(event.text)
            elif isinstance(event, ToolCall):
                calls.append(event)
                hooks.on_tool_call(event)
            elif isinstance(event, Usage):
                round_usage = Usage(round_usage.prompt_tokens + event.prompt_tokens,
                                    round_usage.completion_tokens + event.completion_tokens)
        usage = Usage(usage.prompt_tokens + round_usage.prompt_tokens,
                      usage.completion_tokens + round_usage.completion_tokens)
        round_options = replace(round_options, tool_choice=None)
        text = text.strip()
        if hooks.should_stop():
            return LoopOutcome("cancelled", text=text, usage=usage, tool_calls_made=made)
        hooks.on_round(text, calls)
        if not calls:
            hit_limit = round_usage.completion_tokens >= round_options.max_tokens > 0
            return LoopOutcome("length" if hit_limit else "stop", text=text, usage=usage, tool_calls_made=made)
        external: list[ToolCall] = []
        for call in calls:
            if made >= max_calls:
                hooks.on_tool_result(call, too_many_calls_result(max_calls))
                continue
            made += 1
            result = run_tool(call)
            if result is None:
                external.append(call)
                continue
            hooks.on_tool_result(call, result)
            if result.user_error:
                return LoopOutcome("refused", text=text, refusal=result, usage=usage, tool_calls_made=made)
        if external:
            return LoopOutcome("tool_calls", text=text, external_calls=external, usage=usage, tool_calls_made=made)
    return LoopOutcome("stop", text=text, usage=usage, tool_calls_made=made)


def openai_tool_calls(calls: list[ToolCall]) -> list[dict[str, Any]]:
    """Tool calls in OpenAI's message shape."""
    return [{"id": c.id, "type": "function", "function": {"name": c.name, "arguments": c.arguments}} for c in calls]


def quota_explanation(user: User) -> str:
    """Plain words for a quota refusal: when it resets and how to get more."""
    from chatsite.accounts.quotas import quota_status

    status = quota_status(user=user)
    when = timezone.localtime(status.resets_at, zoneinfo.ZoneInfo(user.time_zone)).strftime("%H:%M")
    return _(
        "You have used all %(limit)d images of your plan for today. Your allowance resets at %(time)s "
        "(%(zone)s). For more images a day, ask for the paid plan on your account page. We can keep chatting "
        "in the meantime."
    ) % {"limit": status.limit, "time": when, "zone": user.time_zone}


def refusal_words(result: ToolResult, user: User) -> str:
    """What the assistant says when a tool refused in the user's name."""
    if result.content.get("error") == "quota_exceeded":
        return quota_explanation(user)
    return str(result.content.get("message", ""))


def tool_result_message(call: ToolCall, result: ToolResult) -> dict[str, Any]:
    return {"role": "tool", "tool_call_id": call.id, "content": result.as_text()}
