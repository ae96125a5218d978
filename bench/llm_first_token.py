"""Time to first token of the default chat model (SmolLM2-135M-Instruct + tool adapter) on this machine.

    .venv/bin/python bench/llm_first_token.py [--threads N] [--runs 5]

Measures, per conversation, the time from calling `stream()` to the first event that the chat would send (a
TextDelta, or a ToolCall for a reply that is only a call), plus decoding speed. The one-time model load is
reported apart and excluded. Run from the repository root.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from conversations.llm.base import GenerationOptions, TextDelta, ToolCall, Usage  # noqa: E402
from conversations.llm.tools_spec import IMAGE_TOOLS  # noqa: E402

IMAGE_HISTORY: list[dict[str, Any]] = [
    {"role": "user", "content": "a lighthouse on a cliff"},
    {
        "role": "assistant",
        "content": None,
        "tool_calls": [
            {
                "id": "c1",
                "type": "function",
                "function": {"name": "generate_image", "arguments": '{"prompt": "a lighthouse on a cliff"}'},
            }
        ],
    },
    {
        "role": "tool",
        "tool_call_id": "c1",
        "content": '{"status": "succeeded", "image_ids": ["0b9f3c4e5d6a47b8"], "prompt": "a lighthouse on a cliff"}',
    },
    {"role": "assistant", "content": "Here is your image."},
]

CASES: dict[str, list[dict[str, Any]]] = {
    "question, 1 turn": [{"role": "user", "content": "What is the tallest animal in the world?"}],
    "image request, 1 turn": [{"role": "user", "content": "draw a tiger in a bamboo forest"}],
    "question after an image": [*IMAGE_HISTORY, {"role": "user", "content": "Is that a real place?"}],
    "edit after an image": [*IMAGE_HISTORY, {"role": "user", "content": "make it stormy"}],
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=0, help="torch threads (0: torch's default)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--max-tokens", type=int, default=64)
    parser.add_argument("--adapter", help="adapter folder (default: the committed smollm2-tools)")
    args = parser.parse_args()

    import torch

    from conversations.llm.local import DEFAULT_ADAPTER_DIR, DEFAULT_GGUF_FILE, TransformersBackend, default_model_dir

    if args.threads:
        torch.set_num_threads(args.threads)
    started = time.perf_counter()
    adapter = args.adapter or DEFAULT_ADAPTER_DIR
    backend = TransformersBackend(default_model_dir(), gguf_file=DEFAULT_GGUF_FILE, adapter=adapter)
    load = time.perf_counter() - started
    print(f"model load (once per worker): {load:.1f} s, torch threads {torch.get_num_threads()}")
    options = GenerationOptions(max_tokens=args.max_tokens)
    backend.stream(CASES["question, 1 turn"], IMAGE_TOOLS, options)  # generator not started: nothing runs
    list(backend.stream(CASES["question, 1 turn"], IMAGE_TOOLS, GenerationOptions(max_tokens=4)))  # warm-up

    print("| conversation | prompt tokens | first event p50 | first event max | decode tokens/s | first event |")
    print("|---|---|---|---|---|---|")
    for name, messages in CASES.items():
        firsts, speeds, kind, prompt_tokens = [], [], "", 0
        for _ in range(args.runs):
            t0 = time.perf_counter()
            first = None
            for event in backend.stream(messages, IMAGE_TOOLS, options):
                if first is None and isinstance(event, TextDelta | ToolCall):
                    first = time.perf_counter() - t0
                    kind = type(event).__name__
                if isinstance(event, Usage):
                    total = time.perf_counter() - t0
                    prompt_tokens = event.prompt_tokens
                    if first is not None and event.completion_tokens > 1:
                        speeds.append(event.completion_tokens / total)
            if first is not None:
                firsts.append(first)
        print(
            f"| {name} | {prompt_tokens} | {statistics.median(firsts):.2f} s | {max(firsts):.2f} s | "
            f"{statistics.median(speeds) if speeds else 0:.0f} | {kind} |"
        )


if __name__ == "__main__":
    main()
