"""Stateless chat completions (the API's engine) with a scripted model: the loop, the tools, the shapes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.db import transaction
from openai.types.chat import ChatCompletion, ChatCompletionChunk
from pydantic import ValidationError

from chatsite.accounts.models import User
from chatsite.accounts.quotas import quota_reserve
from conversations.completions.engine import completion_run
from conversations.completions.relay import ChunkWriter, completion_object, image_markdown
from conversations.completions.request import ChatCompletionRequest
from conversations.completions.service import completion_check
from conversations.errors import CompletionRefused
from conversations.llm.base import BackendError, GenerationOptions, StreamEvent, TextDelta, ToolCall, ToolSpec, Usage
from conversations.llm.scripted import ScriptedBackend, tool_call
from imaging.models import ImageJob, JobMode
from imaging.tests.factories import ImageFactory

pytestmark = pytest.mark.django_db


@dataclass
class ListSink:
    events: list[tuple[str, Any]] = field(default_factory=list)

    def text(self, piece: str) -> None:
        self.events.append(("text", piece))

    def tool_call(self, index: int, call: ToolCall) -> None:
        self.events.append(("tool_call", (index, call)))

    def image_job(self, job_id: str) -> None:
        self.events.append(("image_job", job_id))

    def done(self, finish_reason: str, usage: Usage) -> None:
        self.events.append(("done", (finish_reason, usage)))

    def error(self, message: str) -> None:
        self.events.append(("error", message))

    @property
    def content(self) -> str:
        return "".join(value for kind, value in self.events if kind == "text")

    @property
    def finish(self) -> str:
        kind, value = self.events[-1]
        assert kind == "done", self.events
        return str(value[0])

    def of(self, kind: str) -> list[Any]:
        return [value for k, value in self.events if k == kind]


class RecordingBackend(ScriptedBackend):
    """The scripted model, also keeping the options of each round."""

    def __init__(self, turns: list[list[str | ToolCall]]) -> None:
        super().__init__(turns)
        self.options: list[GenerationOptions] = []

    def stream(self, messages: list[dict[str, Any]], tools: list[ToolSpec],
               options: GenerationOptions) -> Iterator[StreamEvent]:
        self.options.append(options)
        return super().stream(messages, tools, options)


WEATHER = {"type": "function", "function": {
    "name": "get_weather", "description": "The weather in a city.",
    "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}}


def request(**body: Any) -> ChatCompletionRequest:
    body.setdefault("model", "atelier-chat")
    body.setdefault("messages", [{"role": "user", "content": "Hello"}])
    return ChatCompletionRequest.model_validate(body)


def run(user: User, backend: ScriptedBackend, **body: Any) -> ListSink:
    sink = ListSink()
    completion_run(user=user, request=request(**body), backend=backend, sink=sink)
    return sink


def test_a_text_answer_streams_and_finishes_with_stop_and_usage(user: User) -> None:
    sink = run(user, ScriptedBackend([["Hello ", "there."]]))
    assert sink.of("text") == ["Hello ", "there."]
    assert sink.events[-1] == ("done", ("stop", Usage(prompt_tokens=1, completion_tokens=2)))


def test_the_model_sees_the_callers_messages_in_openai_shape(user: User) -> None:
    backend = ScriptedBackend([["Paris."]])
    run(user, backend, messages=[
        {"role": "developer", "content": "Answer in one word."},
        {"role": "user", "content": [{"type": "text", "text": "Capital of"}, {"type": "text", "text": "France?"}]},
    ])
    assert backend.calls[0][0] == [{"role": "system", "content": "Answer in one word."},
                                   {"role": "user", "content": "Capital of\nFrance?"}]
    assert {tool.name for tool in backend.calls[0][1]} == {"generate_image", "edit_image"}


def test_the_builtin_image_tool_queues_a_job_for_the_key_owner_outside_any_conversation(user: User) -> None:
    backend = ScriptedBackend([["Sure."], ["Here it is."]])
    backend.turns.insert(0, [tool_call("generate_image", {"prompt": "a red fox", "size": "256x256"})])
    sink = run(user, backend, messages=[{"role": "user", "content": "draw a red fox"}])
    job = ImageJob.objects.get()
    assert (job.user, job.conversation, job.prompt, job.size) == (user, None, "a red fox", 256)
    assert sink.of("image_job") == [str(job.pk)]
    assert sink.finish == "stop" and sink.of("tool_call") == []  # built-in calls stay on the server
    # The second round saw the call and its result; rounds are separate paragraphs.
    second = backend.calls[1][0]
    assert second[-2]["tool_calls"][0]["function"]["name"] == "generate_image"
    assert json.loads(second[-1]["content"])["job_id"] == str(job.pk)
    assert sink.content == "Sure."


def test_text_of_successive_rounds_is_separated(user: User) -> None:
    backend = ScriptedBackend([["Drawing it.", tool_call("generate_image", {"prompt": "a boat"})], ["Done."]])
    sink = run(user, backend, messages=[{"role": "user", "content": "draw a boat"}])
    assert sink.content == "Drawing it.\n\nDone."


def test_a_callers_tool_comes_back_as_tool_calls_and_nothing_runs(user: User) -> None:
    call = tool_call("get_weather", {"city": "Lyon"})
    backend = ScriptedBackend([[call]])
    sink = run(user, backend, tools=[WEATHER], messages=[{"role": "user", "content": "Weather in Lyon?"}])
    assert sink.of("tool_call") == [(0, call)]
    assert sink.finish == "tool_calls"
    assert len(backend.calls) == 1 and not ImageJob.objects.exists()
    assert "get_weather" in {tool.name for tool in backend.calls[0][1]}


def test_the_follow_up_with_the_tool_result_continues_the_conversation(user: User) -> None:
    backend = ScriptedBackend([["It is sunny in Lyon."]])
    sink = run(user, backend, tools=[WEATHER], messages=[
        {"role": "user", "content": "Weather in Lyon?"},
        {"role": "assistant", "content": None, "tool_calls": [
            {"id": "call_9", "type": "function", "function": {"name": "get_weather", "arguments": '{"city":"Lyon"}'}}]},
        {"role": "tool", "tool_call_id": "call_9", "content": '{"sky": "sunny"}'},
    ])
    seen = backend.calls[0][0]
    assert seen[-1] == {"role": "tool", "tool_call_id": "call_9", "content": '{"sky": "sunny"}'}
    assert seen[-2]["tool_calls"][0]["id"] == "call_9"
    assert sink.content == "It is sunny in Lyon." and sink.finish == "stop"


def test_a_builtin_and_a_callers_call_in_one_round_run_the_builtin_and_return_the_other(user: User) -> None:
    weather = tool_call("get_weather", {"city": "Nice"})
    backend = ScriptedBackend([[tool_call("generate_image", {"prompt": "Nice beach"}), weather]])
    sink = run(user, backend, tools=[WEATHER])
    assert ImageJob.objects.count() == 1 and len(sink.of("image_job")) == 1
    assert sink.of("tool_call") == [(0, weather)] and sink.finish == "tool_calls"


def test_a_callers_tool_with_a_builtin_name_replaces_it(user: User) -> None:
    mine = {"type": "function", "function": {"name": "generate_image", "parameters": {"type": "object"}}}
    backend = ScriptedBackend([[tool_call("generate_image", {"prompt": "x"})]])
    sink = run(user, backend, tools=[mine])
    assert sink.finish == "tool_calls" and not ImageJob.objects.exists()
    assert [t.name for t in backend.calls[0][1]] == ["edit_image", "generate_image"]


def test_tool_choice_none_offers_no_tool_and_refuses_a_call_anyway(user: User) -> None:
    backend = ScriptedBackend([[tool_call("generate_image", {"prompt": "a cat"})], ["Only words."]])
    sink = run(user, backend, tool_choice="none", tools=[WEATHER])
    assert [tools for _, tools in backend.calls] == [[], []]
    assert not ImageJob.objects.exists()
    assert json.loads(backend.calls[1][0][-1]["content"])["error"] == "unknown_tool"
    assert sink.content == "Only words."


def test_tool_choice_required_forces_the_first_round_only(user: User) -> None:
    backend = RecordingBackend([[tool_call("generate_image", {"prompt": "a cat"})], ["Here."]])
    run(user, backend, tool_choice="required")
    assert [o.tool_choice for o in backend.options] == ["required", None]


def test_a_named_tool_choice_offers_only_that_tool(user: User) -> None:
    backend = RecordingBackend([[tool_call("get_weather", {"city": "Pau"})]])
    sink = run(user, backend, tools=[WEATHER], tool_choice={"type": "function", "function": {"name": "get_weather"}})
    assert [t.name for t in backend.calls[0][1]] == ["get_weather"]
    assert backend.options[0].tool_choice == "required" and sink.finish == "tool_calls"


def test_max_completion_tokens_bounds_the_answer_and_finishes_with_length(user: User) -> None:
    backend = RecordingBackend([["one ", "two ", "three"]])
    sink = run(user, backend, max_completion_tokens=3)
    assert backend.options[0].max_tokens == 3
    assert sink.finish == "length"


def test_the_legacy_max_tokens_counts_over_all_rounds(user: User) -> None:
    backend = RecordingBackend([[tool_call("generate_image", {"prompt": "a cat"}), "x"], ["more"]])
    sink = run(user, backend, max_tokens=2)
    assert len(backend.options) == 1  # the first round spent the budget (2 events)
    assert sink.finish == "length"


def test_temperature_reaches_the_model(user: User) -> None:
    backend = RecordingBackend([["ok"]])
    run(user, backend, temperature=0)
    assert backend.options[0].temperature == 0


def test_a_spent_quota_is_explained_like_in_the_chat_and_nothing_is_queued(user: User) -> None:
    with transaction.atomic():
        quota_reserve(user=user, n=user.plan.images_per_day)
    sink = run(user, ScriptedBackend([[tool_call("generate_image", {"prompt": "a cat"})]]))
    assert not ImageJob.objects.exists()
    assert "used all" in sink.content and "resets at" in sink.content and sink.finish == "stop"


def test_an_unsafe_tool_prompt_is_refused_in_words_and_charges_nothing(user: User) -> None:
    from chatsite.accounts.quotas import quota_status

    unsafe = "a decapitated corpse with gore and blood everywhere"
    sink = run(user, ScriptedBackend([[tool_call("generate_image", {"prompt": unsafe})]]))
    assert not ImageJob.objects.exists() and quota_status(user=user).used == 0
    assert "violence" in sink.content.lower() and sink.finish == "content_filter"


def test_invalid_tool_arguments_go_back_to_the_model(user: User) -> None:
    backend = ScriptedBackend([[tool_call("generate_image", {"prompt": "x", "n": 99})], ["Sorry."]])
    sink = run(user, backend)
    assert json.loads(backend.calls[1][0][-1]["content"])["error"] == "invalid_arguments"
    assert not ImageJob.objects.exists() and sink.content == "Sorry."


def test_edit_image_edits_the_owners_image_the_messages_refer_to(user: User, other_user: User) -> None:
    mine = ImageFactory.create(owner=user, width=256, height=256)
    theirs = ImageFactory.create(owner=other_user, width=256, height=256)
    messages = [
        {"role": "user", "content": "draw a hat"},
        {"role": "assistant", "content": f"![a hat](http://testserver/v1/images/files/{mine.pk.hex}:abc:def/)"},
        {"role": "user", "content": f"make it blue, and also {theirs.pk}"},
    ]
    run(user, ScriptedBackend([[tool_call("edit_image", {"prompt": "a blue hat"})], ["Done."]]), messages=messages)
    job = ImageJob.objects.get()
    # The other user's image is mentioned last but is not the caller's: the caller's own is edited.
    assert (job.mode, job.source_image, job.user) == (JobMode.EDIT, mine, user)


def test_edit_image_cannot_reach_another_users_image(user: User, other_user: User) -> None:
    theirs = ImageFactory.create(owner=other_user)
    backend = ScriptedBackend([[tool_call("edit_image", {"prompt": "blue", "image_id": str(theirs.pk)})], ["No."]])
    run(user, backend)
    assert not ImageJob.objects.exists()
    assert json.loads(backend.calls[1][0][-1]["content"])["error"] == "not_found"


def test_a_backend_failure_ends_as_an_error(user: User) -> None:
    class Broken:
        name = "broken"

        def stream(self, messages: list[dict[str, Any]], tools: list[ToolSpec],
                   options: GenerationOptions) -> Iterator[StreamEvent]:
            yield TextDelta("Hel")
            raise BackendError("server unreachable")

    sink = ListSink()
    completion_run(user=user, request=request(), backend=Broken(), sink=sink)
    assert sink.events[-1] == ("error", "server unreachable")


def test_a_stop_ends_the_completion_after_the_round(user: User) -> None:
    backend = ScriptedBackend([[tool_call("generate_image", {"prompt": "a cat"})], ["never"]])
    sink = ListSink()
    completion_run(user=user, request=request(), backend=backend, sink=sink, should_stop=lambda: True)
    assert len(backend.calls) == 1 and not ImageJob.objects.exists() and sink.finish == "stop"


def test_an_unsafe_latest_user_message_is_refused_before_anything_is_queued(user: User) -> None:
    from moderation.models import Decision, Stage

    unsafe = request(messages=[{"role": "user", "content": "a decapitated corpse with gore and blood everywhere"}])
    with pytest.raises(CompletionRefused) as refused:
        completion_check(user=user, request=unsafe)
    assert "violence" in str(refused.value).lower()
    assert Decision.objects.filter(stage=Stage.MESSAGE, action="blocked", user=user).count() == 1
    completion_check(user=user, request=request())  # a fine message passes


@pytest.mark.parametrize(
    ("body", "where"),
    [
        ({"messages": []}, "messages"),
        ({"messages": [{"role": "robot", "content": "hi"}]}, "messages"),
        ({"messages": [{"role": "user", "content": [{"type": "image_url", "image_url": {"url": "x"}}]}]},
         "messages"),
        ({"messages": [{"role": "tool", "tool_call_id": "nope", "content": "1"}]}, "tool"),
        ({"stream_options": {"include_usage": True}}, "stream_options"),
        ({"n": 2}, "n"),
        ({"temperature": 3}, "temperature"),
        ({"max_completion_tokens": 0}, "max_completion_tokens"),
        ({"tool_choice": "sometimes"}, "tool_choice"),
        ({"tool_choice": {"type": "function", "function": {"name": "nowhere"}}}, "nowhere"),
        ({"tools": [WEATHER, WEATHER]}, "same name"),
        ({"tools": [{"type": "function", "function": {"name": "bad name!"}}]}, "tools"),
        ({"logprobs": True}, "logprobs"),
        ({"messages": [{"role": "user", "content": "x" * 40_000}]}, "characters"),
        # JSON's types, not Python's coercions (found by schemathesis): 0 is no boolean, "1" no integer.
        ({"parallel_tool_calls": 0}, "parallel_tool_calls"),
        ({"stream": "true"}, "stream"),
        ({"max_completion_tokens": "12"}, "max_completion_tokens"),
        ({"seed": True}, "seed"),
        ({"stream": True, "stream_options": {"include_usage": 1}}, "include_usage"),
    ],
)
def test_invalid_requests_are_refused_with_the_reason(body: dict[str, Any], where: str) -> None:
    with pytest.raises(ValidationError) as invalid:
        request(**body)
    assert where in str(invalid.value)


def test_a_streamed_completion_has_openais_chunk_shapes() -> None:
    writer = ChunkWriter(completion_id="chatcmpl-1", created=1, model="atelier-chat", include_usage=True)
    events: list[dict[str, Any]] = [
        {"t": "text", "text": "Let me check."},
        {"t": "tool_call", "index": 0, "id": "call_1", "name": "get_weather",
         "arguments": '{"city": "Lyon, the capital of Gaul"}'},
        {"t": "done", "finish_reason": "tool_calls", "usage": {"prompt_tokens": 5, "completion_tokens": 7}},
    ]
    chunks = [writer.first()] + [c for e in events for c in writer.event(e)]
    parsed = [ChatCompletionChunk.model_validate(c) for c in chunks]
    assert parsed[0].choices[0].delta.role == "assistant"
    calls = [c.choices[0].delta.tool_calls for c in parsed if c.choices and c.choices[0].delta.tool_calls]
    assert calls[0][0].id == "call_1" and calls[0][0].function and calls[0][0].function.name == "get_weather"
    assert len(calls) >= 3 and all(c[0].index == 0 and c[0].id is None for c in calls[1:])
    assert "".join(c[0].function.arguments or "" for c in calls if c[0].function) == events[1]["arguments"]
    assert parsed[-2].choices[0].finish_reason == "tool_calls" and parsed[-2].usage is None
    assert parsed[-1].choices == [] and parsed[-1].usage and parsed[-1].usage.total_tokens == 12


def test_a_finished_completion_has_openais_object_shape() -> None:
    events: list[dict[str, Any]] = [{"t": "text", "text": "Hi"}, {"t": "text", "text": "!"},
              {"t": "done", "finish_reason": "stop", "usage": {"prompt_tokens": 3, "completion_tokens": 2}}]
    body = ChatCompletion.model_validate(completion_object(completion_id="chatcmpl-2", created=1,
                                                           model="atelier-chat", events=events))
    assert body.choices[0].message.content == "Hi!" and body.choices[0].message.tool_calls is None
    assert body.usage is not None and body.usage.total_tokens == 5


def test_image_markdown_keeps_the_alt_text_on_one_line_without_brackets() -> None:
    assert image_markdown("a [red]\nfox", "http://x/y.png") == "![a (red) fox](http://x/y.png)"
