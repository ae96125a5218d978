"""Any OpenAI-compatible chat server (vLLM, Ollama, llama.cpp server, OpenAI) through the official client."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from conversations.llm.base import (
    BackendError,
    GenerationOptions,
    StreamEvent,
    TextDelta,
    ToolCall,
    ToolSpec,
    Usage,
)


class OpenAIBackend:
    name = "openai"

    def __init__(self, *, base_url: str, api_key: str, model: str, timeout: float = 60.0) -> None:
        import openai

        if not model:
            raise BackendError("LLM_MODEL must name the server's model when LLM_BACKEND=openai")
        self.model = model
        self.client = openai.OpenAI(base_url=base_url or None, api_key=api_key or "not-needed", timeout=timeout,
                                    max_retries=1)

    def stream(
        self, messages: list[dict[str, Any]], tools: list[ToolSpec], options: GenerationOptions
    ) -> Iterator[StreamEvent]:
        import openai

        kwargs: dict[str, Any] = {
            "model": self.model,
            "messages": messages,
            "stream": True,
            "stream_options": {"include_usage": True},
            "max_tokens": options.max_tokens,
            "temperature": options.temperature,
        }
        if tools:
            kwargs["tools"] = [t.as_openai() for t in tools]
            if options.tool_choice == "required":
                kwargs["tool_choice"] = "required"
        # Tool-call deltas arrive in pieces keyed by index: id and name first, arguments in fragments.
        pending: dict[int, dict[str, str]] = {}
        try:
            stream = self.client.chat.completions.create(**kwargs)
            for chunk in stream:
                if options.should_stop():
                    stream.close()
                    return
                if chunk.usage is not None:
                    yield Usage(chunk.usage.prompt_tokens, chunk.usage.completion_tokens)
                for choice in chunk.choices:
                    delta = choice.delta
                    if delta.content:
                        yield TextDelta(delta.content)
                    for part in delta.tool_calls or []:
                        slot = pending.setdefault(part.index, {"id": "", "name": "", "arguments": ""})
                        if part.id:
                            slot["id"] = part.id
                        if part.function is not None:
                            slot["name"] += part.function.name or ""
                            slot["arguments"] += part.function.arguments or ""
        except openai.OpenAIError as exc:
            raise BackendError(f"the language-model server failed: {type(exc).__name__}: {exc}") from exc
        for index in sorted(pending):
            slot = pending[index]
            yield ToolCall(id=slot["id"] or f"call_{index}", name=slot["name"], arguments=slot["arguments"] or "{}")
