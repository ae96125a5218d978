"""The local transformers backend: tool-call parsing, history rendering, and the real default model once."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from conversations.llm.base import GenerationOptions, StreamEvent, TextDelta, ToolCall, Usage
from conversations.llm.local import (
    DEFAULT_PERSONA,
    ToolCallParser,
    render_native_messages,
    render_plain_messages,
)
from conversations.llm.tools_spec import IMAGE_TOOLS


def ids() -> Iterator[str]:
    n = 0
    while True:
        n += 1
        yield f"call_{n}"


def parse(chunks: list[str]) -> list[StreamEvent]:
    counter = ids()
    parser = ToolCallParser(new_id=lambda: next(counter))
    events: list[StreamEvent] = []
    for chunk in chunks:
        events += parser.feed(chunk)
    return events + parser.finish()


def text_of(events: list[StreamEvent]) -> str:
    return "".join(e.text for e in events if isinstance(e, TextDelta))


def test_parser_yields_a_complete_call() -> None:
    events = parse(['<tool_call>{"name": "generate_image", "arguments": {"prompt": "a red car"}}</tool_call>'])

    assert events == [ToolCall(id="call_1", name="generate_image", arguments='{"prompt": "a red car"}')]


def test_parser_joins_a_call_split_across_tokens() -> None:
    raw = '<tool_call>{"name": "edit_image", "arguments": {"prompt": "a red car, at night"}}</tool_call>'

    events = parse(list(raw))  # one character per token, the markers included

    assert events == [ToolCall(id="call_1", name="edit_image", arguments='{"prompt": "a red car, at night"}')]


def test_parser_turns_invalid_json_into_a_call_with_the_raw_text() -> None:
    events = parse(['<tool_call>{"name": "generate_image", "arguments": {"prompt": "a cat"</tool_call>'])

    assert len(events) == 1
    call = events[0]
    assert isinstance(call, ToolCall)
    assert call.name == "generate_image"
    assert call.arguments == '{"name": "generate_image", "arguments": {"prompt": "a cat"'


def test_parser_streams_text_before_a_call_and_hides_the_call() -> None:
    chunks = ["Sure, ", "here it ", "comes. <tool", '_call>{"name": "generate_image", ', '"arguments": {}}</tool_call>']

    events = parse(chunks)

    assert text_of(events) == "Sure, here it comes."
    assert isinstance(events[-1], ToolCall)
    assert not any("tool_call" in e.text or "name" in e.text for e in events if isinstance(e, TextDelta))


def test_parser_keeps_plain_text_with_angle_brackets() -> None:
    events = parse(["Use <b>bold</b> ", "and a < b."])

    assert text_of(events) == "Use <b>bold</b> and a < b."
    assert not any(isinstance(e, ToolCall) for e in events)


def test_parser_still_reports_an_unterminated_call() -> None:
    events = parse(['<tool_call>{"name": "generate_image", "arguments": {"prompt": "a fox"}}'])

    assert events == [ToolCall(id="call_1", name="generate_image", arguments='{"prompt": "a fox"}')]


HISTORY: list[dict[str, Any]] = [
    {"role": "user", "content": "a red car"},
    {
        "role": "assistant",
        "content": None,
        "tool_calls": [
            {
                "id": "c1",
                "type": "function",
                "function": {"name": "generate_image", "arguments": '{"prompt": "a red car"}'},
            }
        ],
    },
    {
        "role": "tool",
        "tool_call_id": "c1",
        "content": '{"status": "succeeded", "image_ids": ["i1"], "prompt": "a red car"}',
    },
    {"role": "assistant", "content": "Here is your image."},
    {"role": "user", "content": "make it blue"},
]


def test_plain_rendering_writes_tool_calls_and_results_as_text() -> None:
    rendered = render_plain_messages(HISTORY, IMAGE_TOOLS)

    assert [m["role"] for m in rendered] == ["system", "user", "assistant", "tool", "assistant", "user"]
    assert rendered[0]["content"].startswith(DEFAULT_PERSONA)
    assert "generate_image(prompt, size?, n?, negative_prompt?, seed?)" in rendered[0]["content"]
    assert rendered[2]["content"] == (
        '<tool_call>{"name": "generate_image", "arguments": {"prompt": "a red car"}}</tool_call>'
    )
    assert rendered[3]["content"] == HISTORY[2]["content"]


def test_plain_rendering_without_tools_describes_none() -> None:
    messages = [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "hi"}]

    rendered = render_plain_messages(messages, [])

    assert rendered == messages


def test_native_rendering_passes_arguments_as_objects() -> None:
    rendered = render_native_messages(HISTORY)

    call = rendered[1]["tool_calls"][0]
    assert call["function"] == {"name": "generate_image", "arguments": {"prompt": "a red car"}}
    assert rendered[1]["content"] == ""
    assert rendered[2] == {"role": "tool", "content": HISTORY[2]["content"], "tool_call_id": "c1"}


# --- the real default model and adapter (loads once, ~20 s) ----------------------------------------------------


@pytest.fixture(scope="module")
def backend() -> Any:
    from conversations.llm.local import DEFAULT_ADAPTER_DIR, DEFAULT_GGUF_FILE, TransformersBackend, default_model_dir

    return TransformersBackend(default_model_dir(), gguf_file=DEFAULT_GGUF_FILE, adapter=DEFAULT_ADAPTER_DIR)


def test_default_model_calls_generate_image_for_a_request_and_answers_a_question(backend: Any) -> None:
    options = GenerationOptions(max_tokens=40, temperature=0.0)

    request = [{"role": "user", "content": "draw a red fox sleeping in the snow"}]
    image = list(backend.stream(request, IMAGE_TOOLS, options))
    asked = [{"role": "user", "content": "What is the capital of Italy?"}]
    question = list(backend.stream(asked, IMAGE_TOOLS, options))

    calls = [e for e in image if isinstance(e, ToolCall)]
    assert [c.name for c in calls] == ["generate_image"]
    assert "fox" in json.loads(calls[0].arguments)["prompt"]
    assert not [e for e in image if isinstance(e, TextDelta)]
    assert text_of(question).strip()
    assert not [e for e in question if isinstance(e, ToolCall)]
    assert isinstance(question[-1], Usage) and question[-1].completion_tokens > 0
