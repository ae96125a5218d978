"""The body of a chat completion request (OpenAI's `POST /v1/chat/completions`), validated.

Plain pydantic, free of HTTP: the API validates the body with it (and documents it in the OpenAPI document), the
llm worker validates it again from the task's JSON. Parameters Atelier cannot honour in a way that changes the
answer (`n` above 1, `logprobs`, structured `response_format`, `stop`) are refused rather than ignored; the
ones that only tune sampling or bookkeeping (`top_p`, penalties, `seed`, `user`, `metadata`, `store`,
`parallel_tool_calls`) are accepted and have no effect.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

# What one request may carry: the model's context is small, and the worker renders every message.
MAX_MESSAGES = 200
MAX_TOTAL_CHARS = 32_000
MAX_TOOLS = 64
MAX_COMPLETION_TOKENS = 4096
BUILTIN_TOOL_NAMES = ("generate_image", "edit_image")

ToolName = Annotated[str, Field(pattern=r"^[a-zA-Z0-9_-]{1,64}$", description="a-z, A-Z, 0-9, _ and -, at most 64.")]


class _Strict(BaseModel):
    # Unknown fields are refused: a misspelt parameter must not be silently ignored. Types are JSON's, as the
    # schema says: `0` is not `false` and `"1"` is not `1` (OpenAI refuses them too).
    model_config = ConfigDict(extra="forbid", strict=True)


class TextPart(_Strict):
    type: Literal["text"]
    text: str


Content = Annotated[str | list[TextPart], Field(description="Text, or a list of text parts (no image inputs).")]


class SystemMessage(_Strict):
    role: Literal["system", "developer"]
    content: Content
    name: str | None = None


class UserMessage(_Strict):
    role: Literal["user"]
    content: Content
    name: str | None = None


class FunctionCall(_Strict):
    name: ToolName
    arguments: str = Field(max_length=MAX_TOTAL_CHARS, description="The call's arguments as JSON text.")


class ToolCallIn(_Strict):
    id: str = Field(min_length=1, max_length=128)
    type: Literal["function"] = "function"
    function: FunctionCall


class AssistantMessage(_Strict):
    role: Literal["assistant"]
    content: Content | None = None
    tool_calls: list[ToolCallIn] | None = None
    name: str | None = None
    refusal: str | None = None


class ToolMessage(_Strict):
    role: Literal["tool"]
    content: Content
    tool_call_id: str = Field(min_length=1, max_length=128)


Message = Annotated[SystemMessage | UserMessage | AssistantMessage | ToolMessage, Field(discriminator="role")]


class FunctionDef(_Strict):
    name: ToolName
    description: str = Field(default="", max_length=4000)
    parameters: dict[str, Any] = Field(default_factory=lambda: {"type": "object", "properties": {}},
                                       description="A JSON schema (type object) of the arguments.")
    strict: bool | None = None


class ToolDef(_Strict):
    type: Literal["function"]
    function: FunctionDef


class NamedFunction(_Strict):
    name: ToolName


class NamedToolChoice(_Strict):
    type: Literal["function"]
    function: NamedFunction


class StreamOptions(BaseModel):
    # Newer clients send more options (include_obfuscation): accepted, without effect.
    model_config = ConfigDict(extra="ignore", strict=True)
    include_usage: bool = False


class ChatCompletionRequest(_Strict):
    """OpenAI's chat completion parameters that Atelier serves. The built-in tools `generate_image` and
    `edit_image` are always offered (unless `tool_choice` is `none`); `tools` adds the caller's own."""

    model: str = Field(min_length=1, max_length=100, description="`atelier-chat` (GET /v1/models).")
    messages: list[Message] = Field(min_length=1, max_length=MAX_MESSAGES)
    tools: list[ToolDef] | None = Field(default=None, max_length=MAX_TOOLS)
    tool_choice: Literal["none", "auto", "required"] | NamedToolChoice | None = None
    stream: bool | None = False
    stream_options: StreamOptions | None = None
    max_completion_tokens: int | None = Field(default=None, ge=1, le=MAX_COMPLETION_TOKENS)
    max_tokens: int | None = Field(default=None, ge=1, le=MAX_COMPLETION_TOKENS,
                                   description="Deprecated name of max_completion_tokens.")
    temperature: float | None = Field(default=None, ge=0, le=2)
    n: Literal[1] | None = Field(default=None, description="Only 1.")
    # Accepted, without effect.
    top_p: float | None = Field(default=None, ge=0, le=1)
    presence_penalty: float | None = Field(default=None, ge=-2, le=2)
    frequency_penalty: float | None = Field(default=None, ge=-2, le=2)
    seed: int | None = None
    user: str | None = Field(default=None, max_length=256)
    metadata: dict[str, str] | None = None
    store: bool | None = None
    parallel_tool_calls: bool | None = None

    @model_validator(mode="before")
    @classmethod
    def _storable_text(cls, data: Any) -> Any:
        """Every string must be text PostgreSQL can store (moderation records the messages): no NUL
        characters, no lone surrogates."""
        stack, seen = [data], 0
        while stack and seen < 100_000:
            item = stack.pop()
            seen += 1
            if isinstance(item, dict):
                stack.extend(item.keys())
                stack.extend(item.values())
            elif isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, str):
                if "\x00" in item:
                    raise PydanticCustomError("nul_character", "Text must not contain NUL characters.")
                try:
                    item.encode("utf-8")
                except UnicodeEncodeError:
                    raise PydanticCustomError("invalid_unicode", "Text must be valid Unicode.") from None
        return data

    @model_validator(mode="after")
    def _coherent(self) -> ChatCompletionRequest:
        total = sum(len(_text(m.content)) + sum(len(c.function.arguments) for c in _calls(m)) for m in self.messages)
        if total > MAX_TOTAL_CHARS:
            raise PydanticCustomError("too_long", "The messages hold {n} characters; at most {max} are accepted.",
                                      {"n": total, "max": MAX_TOTAL_CHARS})
        if self.stream_options is not None and not self.stream:
            raise PydanticCustomError("stream_options", "stream_options is only allowed when stream is true.")
        names = [t.function.name for t in self.tools or []]
        if len(set(names)) != len(names):
            raise PydanticCustomError("duplicate_tool", "Two tools have the same name.")
        if isinstance(self.tool_choice, NamedToolChoice):
            wanted = self.tool_choice.function.name
            if wanted not in names and wanted not in BUILTIN_TOOL_NAMES:
                raise PydanticCustomError("unknown_tool", "tool_choice names the function '{name}', which is "
                                          "neither in tools nor built in.", {"name": wanted})
        _check_tool_results(self.messages)
        return self

    @property
    def completion_tokens_limit(self) -> int | None:
        return self.max_completion_tokens or self.max_tokens

    @property
    def include_usage(self) -> bool:
        return bool(self.stream and self.stream_options and self.stream_options.include_usage)


def _text(content: Any) -> str:
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    return "\n".join(part.text for part in content)


def _calls(message: Any) -> list[ToolCallIn]:
    return list(getattr(message, "tool_calls", None) or [])


def _check_tool_results(messages: list[Any]) -> None:
    """Every tool message answers a call of an earlier assistant message (as OpenAI requires)."""
    open_ids: set[str] = set()
    for index, message in enumerate(messages):
        if isinstance(message, AssistantMessage):
            open_ids = {call.id for call in _calls(message)}
        elif isinstance(message, ToolMessage):
            if message.tool_call_id not in open_ids:
                raise PydanticCustomError(
                    "orphan_tool_message",
                    "messages[{index}]: a message with role 'tool' must answer a tool call of the assistant "
                    "message before it (no call has the id '{id}').", {"index": index, "id": message.tool_call_id[:64]},
                )
        else:
            open_ids = set()


def history(request: ChatCompletionRequest) -> list[dict[str, Any]]:
    """The request's messages in the plain OpenAI shape the backends read (text contents, developer as system)."""
    out: list[dict[str, Any]] = []
    for message in request.messages:
        if isinstance(message, SystemMessage):
            out.append({"role": "system", "content": _text(message.content)})
        elif isinstance(message, UserMessage):
            out.append({"role": "user", "content": _text(message.content)})
        elif isinstance(message, AssistantMessage):
            item: dict[str, Any] = {"role": "assistant", "content": _text(message.content) or None}
            if message.tool_calls:
                item["tool_calls"] = [call.model_dump() for call in message.tool_calls]
            out.append(item)
        else:
            out.append({"role": "tool", "tool_call_id": message.tool_call_id, "content": _text(message.content)})
    return out


def last_user_text(request: ChatCompletionRequest) -> str:
    """The latest user message: what this completion answers, and what moderation checks."""
    for message in reversed(request.messages):
        if isinstance(message, UserMessage):
            return _text(message.content)
    return ""
