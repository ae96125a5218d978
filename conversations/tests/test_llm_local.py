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


def test_default_model_edits_the_latest_image_for_a_follow_up(backend: Any) -> None:
    events = list(backend.stream(HISTORY, IMAGE_TOOLS, GenerationOptions(max_tokens=40, temperature=0.7)))

    calls = [e for e in events if isinstance(e, ToolCall)]
    assert [c.name for c in calls] == ["edit_image"]
    assert "car" in json.loads(calls[0].arguments)["prompt"]


# --- the decision processor, with the real tokenizer and made-up scores ----------------------------------------


def scores_for(backend: Any, preferred: dict[str, float]) -> Any:
    """Scores over the vocabulary: 0 everywhere, and the given value for the first token of each text."""
    import torch

    scores = torch.zeros((1, len(backend.tokenizer)))
    for text, value in preferred.items():
        scores[0, token(backend, text)] = value
    return scores


def token(backend: Any, text: str) -> int:
    return int(backend.tokenizer.encode(text, add_special_tokens=False)[0])


def step(processor: Any, backend: Any, prompt: list[int], generated: str | list[int], scores: Any) -> Any:
    import torch

    ids = generated if isinstance(generated, list) else backend.tokenizer.encode(generated, add_special_tokens=False)
    return processor(torch.tensor([prompt + ids]), scores)


PROMPT = [1, 2, 3]


def allowed(scores: Any) -> list[int]:
    import torch

    return [int(i) for i in torch.nonzero(scores[0] > float("-inf")).flatten()]


def test_a_likely_call_forces_the_opening_and_an_unlikely_one_forbids_it(backend: Any) -> None:
    processor = backend._decision(token(backend, "<"), len(PROMPT), IMAGE_TOOLS, 0.5)

    likely = step(processor, backend, PROMPT, [], scores_for(backend, {"<": 30.0}))
    unlikely = step(processor, backend, PROMPT, [], scores_for(backend, {"<": 5.0}))

    assert allowed(likely) == [token(backend, "<")]
    assert unlikely[0, token(backend, "<")] == float("-inf")
    assert len(allowed(unlikely)) == len(backend.tokenizer) - 1


def test_a_text_reply_cannot_open_a_call_halfway(backend: Any) -> None:
    processor = backend._decision(token(backend, "<"), len(PROMPT), IMAGE_TOOLS, 0.5)
    tool = token(backend, "tool")

    after_bracket = step(processor, backend, PROMPT, "Here is a horse: <", scores_for(backend, {"tool": 50.0}))
    elsewhere = step(processor, backend, PROMPT, "Here is a", scores_for(backend, {"tool": 50.0}))

    closing = step(processor, backend, PROMPT, "A horse.</", scores_for(backend, {"tool": 50.0}))

    assert after_bracket[0, tool] == float("-inf")
    assert after_bracket[0, token(backend, "b")] == 0  # "<b>" and "a < b" stay possible
    assert closing[0, tool] == float("-inf")
    assert elsewhere[0, tool] == 50.0


def test_the_model_picks_among_the_offered_tools_by_score(backend: Any) -> None:
    both = backend._decision(token(backend, "<"), len(PROMPT), IMAGE_TOOLS, 0.5)
    only_generate = backend._decision(token(backend, "<"), len(PROMPT), IMAGE_TOOLS[:1], 0.5)
    opening = '<tool_call>{"name": "'
    prefers_edit = {"edit": 3.0, "generate": 1.0, "Sure": 9.0}

    chosen = step(both, backend, PROMPT, opening, scores_for(backend, prefers_edit))
    restricted = step(only_generate, backend, PROMPT, opening, scores_for(backend, prefers_edit))

    assert allowed(chosen) == [token(backend, "edit")]
    assert allowed(restricted) == [token(backend, "generate")]


def test_a_call_s_arguments_are_decoded_greedily(backend: Any) -> None:
    processor = backend._decision(token(backend, "<"), len(PROMPT), IMAGE_TOOLS, 0.5)
    written = '<tool_call>{"name": "generate_image", "arguments": {"prompt": "a'

    scores = step(processor, backend, PROMPT, written, scores_for(backend, {" red": 4.0, " blue": 3.9}))

    assert allowed(scores) == [token(backend, " red")]


def test_without_tools_the_reply_is_text_whatever_the_model_prefers(backend: Any) -> None:
    processor = backend._decision(token(backend, "<"), len(PROMPT), [], 0.5)

    scores = step(processor, backend, PROMPT, [], scores_for(backend, {"<": 90.0}))

    assert scores[0, token(backend, "<")] == float("-inf")
