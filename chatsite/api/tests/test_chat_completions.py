"""POST /v1/chat/completions through the official `openai` client, against a live Daphne server and a real worker
(llm and gpu queues) replaying a scripted model, keyed by the latest user message so the tests run in any order."""

from __future__ import annotations

import contextlib
import html
import io
import json
import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any

import openai
import pytest
from PIL import Image as PILImage

from chatsite.accounts.models import User
from chatsite.api.tests.conftest import openai_client, running_daphne
from conftest import running_celery_worker
from imaging.models import ImageJob

pytestmark = [pytest.mark.slow]


def call(name: str, **arguments: Any) -> dict[str, Any]:
    return {"tool": name, "arguments": arguments}


SCRIPT: dict[str, list[list[Any]]] = {
    "Say hello": [["Hello", " from", " Atelier."]],
    "Stream a greeting": [["Hel", "lo ", "world."]],
    "Count to three": [["one ", "two ", "three"]],
    "draw a red fox": [[call("generate_image", prompt="a red fox in the snow", size="256x256")],
                       ["Here is your fox."]],
    "What is the weather in Lyon?": [[call("get_weather", city="Lyon")], ["It is sunny in Lyon."]],
    "Stream the weather in Nice": [[call("get_weather", city="Nice, on the Riviera")]],
    "No tools please": [[call("generate_image", prompt="a cat")], ["Just words."]],
    # The documentation page's example (templates/api/docs.html).
    "Draw a lighthouse at dawn": [[call("generate_image", prompt="a lighthouse at dawn", size="256x256")],
                                  ["Here is your lighthouse."]],
    "Paint me a cat on a windowsill, then describe it": [
        [call("generate_image", prompt="a grey cat on a windowsill", size="256x256")],
        ["A grey cat", " dozes in the sun."]],
    "What is the weather in Nantes?": [[call("get_weather", city="Nantes")], ["It is sunny in Nantes."]],
}
WEATHER = {"type": "function", "function": {
    "name": "get_weather", "description": "The current weather in a city.",
    "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}}


@pytest.fixture(scope="module")
def chat_server(django_db_setup: None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    logs = tmp_path_factory.mktemp("chat-api")
    worker_env = {"LLM_BACKEND": "scripted", "LLM_SCRIPT": json.dumps(SCRIPT), "IMAGE_STEPS": "2",
                  "IMAGE_TORCH_THREADS": "1"}
    with running_daphne(logs / "daphne.log", {"API_IMAGE_WAIT_SECONDS": "90"}) as url, \
            running_celery_worker(logs / "worker.log", worker_env):
        yield url


@pytest.fixture
def client(chat_server: str, api_account: tuple[User, str]) -> Any:
    return openai_client(chat_server, api_account[1])


def ask(client: Any, text: str, **options: Any) -> Any:
    return client.chat.completions.create(model="atelier-chat", messages=[{"role": "user", "content": text}],
                                          **options)


def error_body(exc: openai.APIStatusError) -> dict[str, Any]:
    """The `error` object of OpenAI's error shape, as the client keeps it."""
    assert isinstance(exc.body, dict)
    return exc.body


def fetch(url: str) -> tuple[int, bytes, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - loopback test URL
            return response.status, response.read(), response.headers["Content-Type"]
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read(), exc.headers["Content-Type"]


def test_a_completion_answers_the_scripted_text(client: Any) -> None:
    completion = ask(client, "Say hello")
    assert completion.object == "chat.completion" and completion.id.startswith("chatcmpl-")
    assert completion.model == "atelier-chat"
    choice = completion.choices[0]
    assert (choice.message.role, choice.message.content, choice.finish_reason) == (
        "assistant", "Hello from Atelier.", "stop")
    assert choice.message.tool_calls is None
    assert completion.usage.completion_tokens == 3
    assert completion.usage.total_tokens == completion.usage.prompt_tokens + 3


def test_a_streamed_completion_sends_the_role_then_deltas_then_the_finish(client: Any) -> None:
    chunks = list(ask(client, "Stream a greeting", stream=True))
    assert all(c.object == "chat.completion.chunk" and c.id == chunks[0].id for c in chunks)
    assert chunks[0].choices[0].delta.role == "assistant"
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert text == "Hello world."
    assert [c.choices[0].finish_reason for c in chunks if c.choices][-1] == "stop"
    assert all(c.usage is None for c in chunks)  # no include_usage: no usage anywhere


def test_the_stream_ends_with_done_on_the_wire(chat_server: str, api_account: tuple[User, str]) -> None:
    body = json.dumps({"model": "atelier-chat", "stream": True,
                       "messages": [{"role": "user", "content": "Stream a greeting"}]}).encode()
    request = urllib.request.Request(f"{chat_server}/v1/chat/completions", data=body, method="POST", headers={  # noqa: S310
        "Authorization": f"Bearer {api_account[1]}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - loopback test URL
        assert response.headers["Content-Type"].startswith("text/event-stream")
        lines = [line for line in response.read().decode().split("\n") if line]
    assert all(line.startswith("data: ") for line in lines)
    assert lines[-1] == "data: [DONE]"
    assert json.loads(lines[-2][6:])["choices"][0]["finish_reason"] == "stop"


def test_include_usage_adds_a_usage_chunk_with_empty_choices(client: Any) -> None:
    chunks = list(ask(client, "Count to three", stream=True, stream_options={"include_usage": True}))
    last = chunks[-1]
    assert last.choices == [] and last.usage is not None
    assert last.usage.completion_tokens == 3 and last.usage.total_tokens == last.usage.prompt_tokens + 3
    assert all(c.usage is None for c in chunks[:-1])
    assert chunks[-2].choices[0].finish_reason == "stop"


def test_the_builtin_image_tool_answers_a_fetchable_png_url(client: Any, api_account: tuple[User, str]) -> None:
    user, _key = api_account
    completion = ask(client, "draw a red fox")
    content = completion.choices[0].message.content
    assert content.startswith("Here is your fox.") and completion.choices[0].finish_reason == "stop"
    urls = re.findall(r"!\[[^\]]*\]\((http[^)]+)\)", content)
    assert len(urls) == 1
    status, data, content_type = fetch(urls[0])
    assert (status, content_type) == (200, "image/png")
    picture = PILImage.open(io.BytesIO(data), formats=["PNG"])
    assert picture.size == (256, 256)
    job = ImageJob.objects.get(user=user)  # made for the key's owner, charged to its quota
    assert (job.prompt, job.conversation) == ("a red fox in the snow", None)


def test_a_callers_tool_comes_back_and_the_follow_up_uses_its_result(client: Any) -> None:
    question = {"role": "user", "content": "What is the weather in Lyon?"}
    first = client.chat.completions.create(model="atelier-chat", messages=[question], tools=[WEATHER])
    choice = first.choices[0]
    assert choice.finish_reason == "tool_calls" and choice.message.content is None
    (tool_call,) = choice.message.tool_calls
    assert tool_call.type == "function" and tool_call.function.name == "get_weather"
    assert json.loads(tool_call.function.arguments) == {"city": "Lyon"}
    assert not ImageJob.objects.exists()

    second = client.chat.completions.create(model="atelier-chat", tools=[WEATHER], messages=[
        question,
        choice.message.model_dump(exclude_none=True),
        {"role": "tool", "tool_call_id": tool_call.id, "content": json.dumps({"sky": "sunny", "celsius": 24})},
    ])
    assert second.choices[0].message.content == "It is sunny in Lyon."
    assert second.choices[0].finish_reason == "stop"


def test_a_streamed_tool_call_comes_as_indexed_deltas(client: Any) -> None:
    chunks = list(ask(client, "Stream the weather in Nice", stream=True, tools=[WEATHER]))
    deltas = [c.choices[0].delta.tool_calls[0] for c in chunks if c.choices and c.choices[0].delta.tool_calls]
    assert deltas[0].id and deltas[0].function.name == "get_weather" and deltas[0].index == 0
    assert len(deltas) > 2 and all(d.index == 0 and d.id is None for d in deltas[1:])
    arguments = "".join(d.function.arguments or "" for d in deltas)
    assert json.loads(arguments) == {"city": "Nice, on the Riviera"}
    assert [c.choices[0].finish_reason for c in chunks if c.choices][-1] == "tool_calls"


def test_tool_choice_none_runs_no_tool(client: Any) -> None:
    completion = ask(client, "No tools please", tool_choice="none", tools=[WEATHER])
    assert completion.choices[0].message.content == "Just words."
    assert completion.choices[0].message.tool_calls is None
    assert not ImageJob.objects.exists()


@pytest.mark.parametrize(
    "options",
    [
        {"messages": []},
        {"messages": [{"role": "wizard", "content": "hi"}]},
        {"messages": [{"role": "tool", "tool_call_id": "call_x", "content": "42"}]},
        {"messages": [{"role": "user", "content": "x" * 40_000}]},
        {"messages": [{"role": "user", "content": "hi"}], "n": 3},
        {"messages": [{"role": "user", "content": "hi"}], "temperature": 9},
        {"messages": [{"role": "user", "content": "hi"}], "max_completion_tokens": -1},
        {"messages": [{"role": "user", "content": "hi"}], "tool_choice": "maybe"},
        {"messages": [{"role": "user", "content": "hi"}], "stream_options": {"include_usage": True}},
        {"messages": [{"role": "user", "content": "hi"}], "tools": [{"type": "function", "function": {}}]},
        {"messages": [{"role": "user", "content": "hi\x00"}]},
    ],
)
def test_invalid_parameters_are_a_400_in_openai_shape(client: Any, options: dict[str, Any]) -> None:
    with pytest.raises(openai.BadRequestError) as refused:
        client.chat.completions.create(model="atelier-chat", **options)
    assert refused.value.status_code == 400
    assert error_body(refused.value)["type"] == "invalid_request_error" and error_body(refused.value)["message"]


@pytest.mark.parametrize("body", [b"{not json", b"[]", b'"text"', b'{"model": "atelier-chat", "messages": 5}'])
def test_a_malformed_body_is_a_400(chat_server: str, api_account: tuple[User, str], body: bytes) -> None:
    request = urllib.request.Request(f"{chat_server}/v1/chat/completions", data=body, method="POST", headers={  # noqa: S310
        "Authorization": f"Bearer {api_account[1]}", "Content-Type": "application/json"})
    with pytest.raises(urllib.error.HTTPError) as answer:
        urllib.request.urlopen(request, timeout=30)  # noqa: S310 - loopback test URL
    assert answer.value.code == 400
    assert set(json.loads(answer.value.read())["error"]) == {"message", "type", "param", "code"}


def test_an_unknown_model_is_a_404(client: Any) -> None:
    with pytest.raises(openai.NotFoundError) as missing:
        client.chat.completions.create(model="gpt-9", messages=[{"role": "user", "content": "hi"}])
    assert error_body(missing.value)["code"] == "model_not_found"


def test_a_refused_user_message_is_a_content_policy_400(client: Any) -> None:
    with pytest.raises(openai.BadRequestError) as refused:
        ask(client, "a decapitated corpse with gore and blood everywhere")
    assert error_body(refused.value)["code"] == "content_policy_violation"
    assert not ImageJob.objects.exists()


def test_a_bad_key_is_a_401(chat_server: str, api_account: tuple[User, str]) -> None:
    bad = openai_client(chat_server, "atl_not-a-real-key")
    with pytest.raises(openai.AuthenticationError) as refused:
        ask(bad, "Say hello")
    assert refused.value.status_code == 401 and error_body(refused.value)["code"] == "invalid_api_key"


def test_the_openapi_document_describes_the_request_and_the_stream(chat_server: str) -> None:
    with urllib.request.urlopen(f"{chat_server}/v1/openapi.json", timeout=30) as response:  # noqa: S310
        document = json.loads(response.read())
    operation = document["paths"]["/v1/chat/completions"]["post"]
    body = operation["requestBody"]["content"]["application/json"]["schema"]
    name = body["$ref"].rsplit("/", 1)[-1]
    properties = document["components"]["schemas"][name]["properties"]
    assert {"messages", "model", "tools", "tool_choice", "stream", "stream_options", "max_completion_tokens",
            "temperature"} <= set(properties)
    assert "text/event-stream" in operation["responses"]["200"]["content"]
    assert "application/json" in operation["responses"]["200"]["content"]
    assert {"400", "401", "404", "429", "503", "504"} <= set(operation["responses"])


def test_the_documentation_pages_python_example_runs_as_written(chat_server: str,
                                                                 api_account: tuple[User, str]) -> None:
    """The chat example of /v1/docs, run with the official client as a reader would (their key in place of
    YOUR_KEY): the forced generate_image call, the streamed answer with an image and the usage, the caller's tool."""
    user, key = api_account
    with urllib.request.urlopen(f"{chat_server}/v1/docs", timeout=30) as response:  # noqa: S310 - loopback test URL
        page = response.read().decode()
    example = re.search(r'<code id="chat-example">(.*?)</code>', page, flags=re.S)
    assert example is not None
    code = html.unescape(example.group(1))
    assert f'OpenAI(base_url="{chat_server}/v1", api_key="YOUR_KEY")' in code
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(code.replace("YOUR_KEY", key), "docs-chat-example", "exec"), {})  # noqa: S102 - our own page
    lines = printed.getvalue().splitlines()
    assert lines[0].startswith("Here is your lighthouse.")
    urls = [line for line in lines if line.startswith("['http")]
    assert len(urls) == 1
    status, data, content_type = fetch(urls[0][2:-2])
    assert (status, content_type) == (200, "image/png") and PILImage.open(io.BytesIO(data)).size == (256, 256)
    streamed = "\n".join(lines)
    assert "A grey cat dozes in the sun." in streamed and re.search(r"^\d+ tokens$", streamed, flags=re.M)
    assert lines[-1] == "It is sunny in Nantes."
    assert sorted(ImageJob.objects.filter(user=user).values_list("prompt", flat=True)) == [
        "a grey cat on a windowsill", "a lighthouse at dawn"]
