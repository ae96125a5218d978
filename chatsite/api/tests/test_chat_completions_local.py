"""The real default chat model (SmolLM2-135M with Atelier's adapter) answering through the API: a live Daphne server
and an llm worker loading the model, the official `openai` client."""

from __future__ import annotations

from pathlib import Path

import pytest

from chatsite.accounts.models import User
from chatsite.api.tests.conftest import openai_client, running_daphne
from conftest import running_celery_worker

pytestmark = [pytest.mark.slow]


def test_the_default_local_model_answers_a_simple_completion(api_account: tuple[User, str], tmp_path: Path) -> None:
    # One torch thread: the machine's cores are shared with the server and the test process.
    env = {"LLM_BACKEND": "local", "LLM_MODEL": "", "OMP_NUM_THREADS": "1"}
    with running_daphne(tmp_path / "daphne.log") as url, running_celery_worker(tmp_path / "worker.log", env):
        client = openai_client(url, api_account[1]).with_options(timeout=300)  # a busy CI machine
        completion = client.chat.completions.create(
            model="atelier-chat", temperature=0, max_completion_tokens=24, tool_choice="none",
            messages=[{"role": "user", "content": "What is the capital of France?"}],
        )
    choice = completion.choices[0]
    assert choice.message.content and choice.message.content.strip()
    assert choice.finish_reason in ("stop", "length") and choice.message.tool_calls is None
    usage = completion.usage
    # Counted by the model's tokenizer: the system prompt alone is more than a few tokens.
    assert usage.prompt_tokens > 10 and 1 <= usage.completion_tokens <= 24
    assert usage.total_tokens == usage.prompt_tokens + usage.completion_tokens
    assert (choice.finish_reason == "length") == (usage.completion_tokens == 24)
