"""The adapter's synthetic training data: reproducible, and apart from the evaluation sets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conversations.llm.tool_data import build_examples

ROOT = Path(__file__).resolve().parents[2]
# Held-out set 2 is left out on purpose: three of its short messages ("wow", "remove the clouds", "une autre stp")
# were already sentences of the first adapter's training data (see the adapter's README).
EVALUATION_SETS = [
    ROOT.parent / "shared" / "data" / "tool_decisions_dev.jsonl",
    ROOT / "conversations" / "llm" / "heldout_tool_decisions.jsonl",
    ROOT / "conversations" / "llm" / "heldout3_tool_decisions.jsonl",
]


def last_user_message(messages: list[dict[str, object]]) -> str:
    return str(messages[-1].get("content") or "").strip().lower()


def test_the_same_seed_gives_the_same_examples() -> None:
    assert build_examples(200, seed=0) == build_examples(200, seed=0)
    assert build_examples(200, seed=0) != build_examples(200, seed=1)


@pytest.mark.parametrize("path", EVALUATION_SETS, ids=lambda p: p.name)
def test_no_training_sentence_is_an_evaluation_message(path: Path) -> None:
    if not path.exists():
        pytest.skip(f"{path} is not on this machine")
    evaluated = {last_user_message(json.loads(line)["messages"]) for line in path.read_text().splitlines() if line}
    # Training uses the first 1,000 examples of seed 0; many more are checked.
    trained = {
        last_user_message(e.messages) for e in build_examples(20_000, seed=0) if e.messages[-1]["role"] == "user"
    }

    assert evaluated & trained == set()
