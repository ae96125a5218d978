"""get_backend() builds the local model from the settings: the bundled model with Atelier's adapter by default,
LLM_ADAPTER instead when set (e.g. to check a retrained adapter), and LLM_TORCH_THREADS caps torch's threads."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import torch

from conversations.llm import local
from conversations.tasks import get_backend


class FakeBackend:
    def __init__(self, model: str, **options: Any) -> None:
        self.model, self.options = model, options


@pytest.fixture
def built(monkeypatch: pytest.MonkeyPatch, settings: Any) -> Iterator[Any]:
    monkeypatch.setattr(local, "TransformersBackend", FakeBackend)
    settings.LLM_BACKEND, settings.LLM_MODEL = "local", ""
    threads = torch.get_num_threads()
    get_backend.cache_clear()
    yield settings
    get_backend.cache_clear()
    torch.set_num_threads(threads)


def test_the_default_model_gets_atelier_s_adapter(built: Any) -> None:
    built.LLM_ADAPTER = ""
    backend: Any = get_backend()
    assert backend.model == local.default_model_dir()
    assert Path(backend.options["adapter"]) == local.DEFAULT_ADAPTER_DIR


def test_llm_adapter_replaces_it_and_llm_torch_threads_caps_torch(built: Any, tmp_path: Path) -> None:
    built.LLM_ADAPTER, built.LLM_TORCH_THREADS = str(tmp_path), 1
    backend: Any = get_backend()
    assert backend.options["adapter"] == str(tmp_path)
    assert torch.get_num_threads() == 1
