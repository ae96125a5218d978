"""The OpenAI-compatible backend against a real HTTP server that speaks the chat completions stream."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from conversations.llm.base import BackendError, GenerationOptions, TextDelta, ToolCall, Usage
from conversations.llm.openai_compat import OpenAIBackend
from conversations.llm.tools_spec import IMAGE_TOOLS


def chunk(delta: dict[str, Any], usage: dict[str, int] | None = None) -> dict[str, Any]:
    choices = [{"index": 0, "delta": delta, "finish_reason": None}] if delta else []
    return {
        "id": "c1",
        "object": "chat.completion.chunk",
        "created": 0,
        "model": "m",
        "choices": choices,
        "usage": usage,
    }


# What vLLM sends for "Sure! <call>": text, then the call's id and name, then its arguments in fragments.
STREAM = [
    chunk({"role": "assistant", "content": "Sure"}),
    chunk({"content": "! "}),
    chunk(
        {
            "tool_calls": [
                {
                    "index": 0,
                    "id": "call_7",
                    "type": "function",
                    "function": {"name": "generate_image", "arguments": ""},
                }
            ]
        }
    ),
    chunk({"tool_calls": [{"index": 0, "function": {"arguments": '{"prompt": '}}]}),
    chunk({"tool_calls": [{"index": 0, "function": {"arguments": '"a red fox"}'}}]}),
    chunk({}, usage={"prompt_tokens": 30, "completion_tokens": 12, "total_tokens": 42}),
]


class Server:
    def __init__(self, status: int = 200) -> None:
        self.requests: list[dict[str, Any]] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's name)
                body = self.rfile.read(int(self.headers["Content-Length"]))
                owner.requests.append(
                    {"path": self.path, "auth": self.headers.get("Authorization"), "body": json.loads(body)}
                )
                if status != 200:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.end_headers()
                    self.wfile.write(b'{"error": {"message": "overloaded", "type": "server_error"}}')
                    return
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.end_headers()
                for event in STREAM:
                    self.wfile.write(f"data: {json.dumps(event)}\n\n".encode())
                    self.wfile.flush()
                self.wfile.write(b"data: [DONE]\n\n")

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()


@pytest.fixture
def server() -> Iterator[Server]:
    s = Server()
    yield s
    s.httpd.shutdown()


def test_it_streams_text_and_assembles_a_tool_call_sent_in_pieces(server: Server) -> None:
    backend = OpenAIBackend(base_url=server.url, api_key="sk-test", model="qwen2.5")
    messages = [{"role": "user", "content": "draw a red fox"}]

    events = list(backend.stream(messages, IMAGE_TOOLS, GenerationOptions(max_tokens=64, temperature=0.2)))

    assert [e for e in events if isinstance(e, TextDelta)] == [TextDelta("Sure"), TextDelta("! ")]
    assert [e for e in events if isinstance(e, ToolCall)] == [
        ToolCall(id="call_7", name="generate_image", arguments='{"prompt": "a red fox"}')
    ]
    assert Usage(prompt_tokens=30, completion_tokens=12) in events
    sent = server.requests[0]
    assert sent["path"] == "/v1/chat/completions"
    assert sent["auth"] == "Bearer sk-test"
    assert sent["body"]["model"] == "qwen2.5"
    assert sent["body"]["stream"] is True
    assert sent["body"]["messages"] == messages
    assert [t["function"]["name"] for t in sent["body"]["tools"]] == ["generate_image", "edit_image"]
    assert "tool_choice" not in sent["body"]


def test_tool_choice_required_reaches_the_server_and_no_tools_sends_none(server: Server) -> None:
    backend = OpenAIBackend(base_url=server.url, api_key="", model="m")
    messages = [{"role": "user", "content": "hi"}]

    list(backend.stream(messages, IMAGE_TOOLS, GenerationOptions(tool_choice="required")))
    list(backend.stream(messages, [], GenerationOptions()))

    assert server.requests[0]["body"]["tool_choice"] == "required"
    assert "tools" not in server.requests[1]["body"]


def test_a_failing_server_is_a_backend_error() -> None:
    failing = Server(status=503)
    backend = OpenAIBackend(base_url=failing.url, api_key="", model="m", timeout=5)
    try:
        with pytest.raises(BackendError, match="server failed"):
            list(backend.stream([{"role": "user", "content": "hi"}], [], GenerationOptions()))
    finally:
        failing.httpd.shutdown()


def test_a_missing_model_name_is_refused_at_start() -> None:
    with pytest.raises(BackendError, match="LLM_MODEL"):
        OpenAIBackend(base_url="http://127.0.0.1:9/v1", api_key="", model="")
