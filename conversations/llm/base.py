"""The contract every chat backend implements (local transformers, OpenAI-compatible HTTP, scripted)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol


@dataclass(frozen=True)
class ToolSpec:
    """A tool offered to the model; `parameters` is a JSON schema (type object)."""

    name: str
    description: str
    parameters: dict[str, Any]

    def as_openai(self) -> dict[str, Any]:
        return {
            "type": "function",
            "function": {"name": self.name, "description": self.description, "parameters": self.parameters},
        }


@dataclass(frozen=True)
class TextDelta:
    """A piece of the assistant's text, streamed as it is generated."""

    text: str


@dataclass(frozen=True)
class ToolCall:
    """A complete tool call. `arguments` is the JSON text the model wrote (it may be invalid)."""

    id: str
    name: str
    arguments: str


@dataclass(frozen=True)
class Usage:
    prompt_tokens: int = 0
    completion_tokens: int = 0


StreamEvent = TextDelta | ToolCall | Usage


@dataclass
class GenerationOptions:
    max_tokens: int = 256
    temperature: float = 0.7
    # None or "auto": the model decides; "required": it must call one of the tools offered (to force one named
    # tool, offer only that one). Backends that cannot force a call treat it as "auto".
    tool_choice: str | None = None
    # Polled between tokens; True stops the generation (the user pressed Stop).
    should_stop: Callable[[], bool] = field(default=lambda: False)


class ChatBackend(Protocol):
    """Streams one assistant turn. Messages use OpenAI's chat format (role, content, tool_calls,
    tool_call_id). Must not raise on odd history; raises BackendError when the model cannot answer."""

    name: str

    def stream(
        self, messages: list[dict[str, Any]], tools: list[ToolSpec], options: GenerationOptions
    ) -> Iterator[StreamEvent]: ...


class BackendError(Exception):
    """The model could not answer (server down, bad configuration); the message is for operators."""
