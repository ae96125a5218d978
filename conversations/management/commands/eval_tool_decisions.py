"""Measures the chat's tool decision on a JSONL file of conversations.

    python manage.py eval_tool_decisions conversations/llm/heldout_tool_decisions.jsonl

Each line is `{"messages": [...OpenAI chat messages...], "expect": "image" | "text"}`. The conversation goes
through the configured chat backend (`conversations.tasks.get_backend()`, the one the `llm` workers use: set
`LLM_BACKEND`, `LLM_MODEL`, `LLM_ADAPTER` ... to measure another) with the tools the chat offers
(`conversations.tools.tool_specs()`); the decision is "image" when a generate_image or edit_image call comes
out. Needs no database.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from conversations.llm.base import ChatBackend, GenerationOptions, TextDelta, ToolCall, ToolSpec

IMAGE_TOOL_NAMES = {"generate_image", "edit_image"}


def decide(
    backend: ChatBackend, messages: list[dict[str, Any]], tools: list[ToolSpec], options: GenerationOptions
) -> tuple[str, str]:
    """("image" | "text", what came out) for one conversation."""
    calls: list[ToolCall] = []
    text = ""
    for event in backend.stream(messages, tools, options):
        if isinstance(event, ToolCall):
            calls.append(event)
        elif isinstance(event, TextDelta):
            text += event.text
    image_calls = [c for c in calls if c.name in IMAGE_TOOL_NAMES]
    if image_calls:
        return "image", " ".join(f"{c.name}{c.arguments}" for c in image_calls)
    return "text", text


def read_items(path: Path) -> list[dict[str, Any]]:
    """The conversations of a JSONL file; a clear error for a missing file or a malformed line."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise CommandError(f"Cannot read {path}: {exc}") from exc
    items = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise CommandError(f"{path}:{number}: not JSON ({exc})") from exc
        if (
            not isinstance(item, dict)
            or item.get("expect") not in ("image", "text")
            or not isinstance(item.get("messages"), list)
            or not item["messages"]
        ):
            raise CommandError(f'{path}:{number}: expected {{"messages": [...], "expect": "image" | "text"}}')
        items.append(item)
    if not items:
        raise CommandError(f"{path}: no conversations")
    return items


class Command(BaseCommand):
    help = "Accuracy of the chat model's image-tool decision on a JSONL file of conversations."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        # The decision is the reply's first token and a text reply cannot turn into a call later (see
        # `conversations.llm.local`), so a short reply gives the same decision as a full one, faster.
        parser.add_argument("--max-tokens", type=int, default=48)
        parser.add_argument("--temperature", type=float, help="default: LLM_TEMPERATURE, as in the chat")
        parser.add_argument("--threads", type=int, help="torch CPU threads (local backend)")

    def handle(self, *args: Any, **options: Any) -> None:
        from conversations.tasks import get_backend
        from conversations.tools import tool_specs

        items = read_items(options["path"])
        if options["threads"]:
            import torch

            torch.set_num_threads(options["threads"])
        backend = get_backend()
        tools = tool_specs()
        temperature = options["temperature"] if options["temperature"] is not None else settings.LLM_TEMPERATURE
        generation = GenerationOptions(max_tokens=options["max_tokens"], temperature=temperature)
        self.stderr.write(f"backend {backend.name}, tools {', '.join(t.name for t in tools)}")
        right = 0
        started = time.monotonic()
        for index, item in enumerate(items, start=1):
            got, output = decide(backend, item["messages"], tools, generation)
            ok = got == item["expect"]
            right += ok
            last = str(item["messages"][-1].get("content") or "")[:60]
            shown = " ".join(output.split())[:90]
            self.stdout.write(
                f"{index:4d} {'ok  ' if ok else 'FAIL'} expect={item['expect']:5s} got={got:5s} | {last} -> {shown}"
            )
        self.stderr.write(f"{len(items)} conversations in {time.monotonic() - started:.0f} s")
        self.stdout.write(f"accuracy: {right / len(items):.3f} ({right}/{len(items)})")
