"""A backend that replays a fixed script: the tests' stand-in for a model.

Each call to `stream` consumes the next turn of the script. A turn is a list of events; strings are
streamed as TextDeltas. `SCRIPTED_TURNS` (settings or constructor) holds the script, so that a real
worker subprocess can replay it too.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from typing import Any

from conversations.llm.base import GenerationOptions, StreamEvent, TextDelta, ToolCall, ToolSpec, Usage

_call_ids = itertools.count(1)


def tool_call(name: str, arguments: dict[str, Any] | str) -> ToolCall:
    text = arguments if isinstance(arguments, str) else json.dumps(arguments)
    return ToolCall(id=f"call_{next(_call_ids)}", name=name, arguments=text)


class ScriptedBackend:
    name = "scripted"

    def __init__(self, turns: list[list[str | ToolCall]],
                 by_question: dict[str, list[list[str | ToolCall]]] | None = None) -> None:
        self.turns = list(turns)
        # Turns kept apart per latest user message (tests sharing one worker, in any order).
        self.by_question = {question: list(q_turns) for question, q_turns in (by_question or {}).items()}
        self.calls: list[tuple[list[dict[str, Any]], list[ToolSpec]]] = []

    def _next_turn(self, messages: list[dict[str, Any]]) -> list[str | ToolCall]:
        question = next((str(m.get("content")) for m in reversed(messages) if m.get("role") == "user"), "")
        queue = self.by_question.get(question)
        if queue:
            return queue.pop(0)
        return self.turns.pop(0) if self.turns else ["(the script has no more turns)"]

    def stream(
        self, messages: list[dict[str, Any]], tools: list[ToolSpec], options: GenerationOptions
    ) -> Iterator[StreamEvent]:
        self.calls.append((messages, tools))
        turn = self._next_turn(messages)
        for item in turn:
            if options.should_stop():
                return
            yield TextDelta(item) if isinstance(item, str) else item
        yield Usage(prompt_tokens=len(messages), completion_tokens=len(turn))

    @classmethod
    def from_json(cls, script: str) -> ScriptedBackend:
        """`[[ "text", {"tool": "generate_image", "arguments": {...}} ], ...]` -> a backend replaying the turns in
        order; `{"latest user message": [turns...], ...}` -> one queue of turns per latest user message (others
        get the no-more-turns text)."""
        raw = json.loads(script)
        if isinstance(raw, dict):
            return cls([], {question: _turns(q_turns) for question, q_turns in raw.items()})
        return cls(_turns(raw))


def _turns(raw_turns: list[list[Any]]) -> list[list[str | ToolCall]]:
    turns: list[list[str | ToolCall]] = []
    for raw_turn in raw_turns:
        turn: list[str | ToolCall] = []
        for item in raw_turn:
            turn.append(item if isinstance(item, str) else tool_call(item["tool"], item["arguments"]))
        turns.append(turn)
    return turns
