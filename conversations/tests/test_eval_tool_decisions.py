"""`manage.py eval_tool_decisions` measures the configured backend with the tools the chat offers."""

from __future__ import annotations

import json
from collections.abc import Iterator
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from conversations.tasks import get_backend
from conversations.tools import tool_specs

ITEMS = [
    {"messages": [{"role": "user", "content": "draw a fox"}], "expect": "image"},
    {"messages": [{"role": "user", "content": "What is a fox?"}], "expect": "text"},
    {"messages": [{"role": "user", "content": "Who are you?"}], "expect": "text"},
]


@pytest.fixture
def scripted(settings: Any) -> Iterator[None]:
    """The configured backend is a script: a call, then text, then a wrong call."""
    settings.LLM_BACKEND = "scripted"
    settings.LLM_SCRIPT = json.dumps(
        [
            [{"tool": "generate_image", "arguments": {"prompt": "a fox"}}],
            ["A fox is a small wild canid."],
            [{"tool": "edit_image", "arguments": {"prompt": "me"}}],
        ]
    )
    get_backend.cache_clear()
    yield
    get_backend.cache_clear()


def write(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "items.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_it_scores_the_configured_backend_with_the_chat_s_tools(scripted: None, tmp_path: Path) -> None:
    out = StringIO()

    call_command("eval_tool_decisions", write(tmp_path, [json.dumps(i) for i in ITEMS]), stdout=out, stderr=StringIO())

    lines = out.getvalue().splitlines()
    assert [line.split()[1] for line in lines[:3]] == ["ok", "ok", "FAIL"]
    assert lines[-1] == "accuracy: 0.667 (2/3)"
    offered = get_backend().calls[0][1]  # type: ignore[attr-defined]
    assert offered == tool_specs()


def test_it_refuses_a_malformed_line_before_running_anything(scripted: None, tmp_path: Path) -> None:
    path = write(tmp_path, [json.dumps(ITEMS[0]), '{"messages": [], "expect": "image"}'])

    with pytest.raises(CommandError, match=":2:"):
        call_command("eval_tool_decisions", path, stdout=StringIO(), stderr=StringIO())

    assert get_backend().calls == []  # type: ignore[attr-defined]
