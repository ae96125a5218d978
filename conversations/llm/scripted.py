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

    def __init__(self, turns: list[list[str | ToolCall]]) -> None:
        self.turns = list(turns)
        self.calls: list[tuple[list[dict[str, Any]], list[ToolSpec]]] = []

    def stream(
        self, messages: list[dict[str, Any]], tools: list[ToolSpec], options: GenerationOptions
    ) -> Iterator[StreamEvent]:
        self.calls.append((messages, tools))
        turn = self.turns.pop(0) if self.turns else ["(the script has no more turns)"]
        for item in turn:
            if options.should_stop():
                return
            yield TextDelta(item) if isinstance(item, str) else item
        yield Usage(prompt_tokens=len(messages), completion_tokens=len(turn))

    @classmethod
    def from_json(cls, script: str) -> ScriptedBackend:
        """`[[ "text", {"tool": "generate_image", "arguments": {...}} ], ...]` -> a backend."""
        turns: list[list[str | ToolCall]] = []
        for raw_turn in json.loads(script):
            turn: list[str | ToolCall] = []
            for item in raw_turn:
                turn.append(item if isinstance(item, str) else tool_call(item["tool"], item["arguments"]))
            turns.append(turn)
        return cls(turns)
