"""Celery tasks of the chat (queue `llm`). Thin: the workflow is `services.reply_run`."""

from __future__ import annotations

import functools
from typing import Any

from celery import shared_task
from django.conf import settings

from conversations.llm.base import ChatBackend


@functools.cache
def get_backend() -> ChatBackend:
    """The configured backend, built once per worker process (a local model loads here, lazily)."""
    kind = settings.LLM_BACKEND
    if kind == "openai":
        from conversations.llm.openai_compat import OpenAIBackend

        return OpenAIBackend(base_url=settings.LLM_BASE_URL, api_key=settings.LLM_API_KEY, model=settings.LLM_MODEL,
                             timeout=settings.LLM_REQUEST_TIMEOUT)
    if kind == "scripted":
        from conversations.llm.scripted import ScriptedBackend

        return ScriptedBackend.from_json(settings.LLM_SCRIPT)
    if kind == "local":
        if settings.LLM_TORCH_THREADS:
            import torch

            torch.set_num_threads(settings.LLM_TORCH_THREADS)
        from conversations.llm.local import (
            DEFAULT_ADAPTER_DIR,
            DEFAULT_GGUF_FILE,
            TransformersBackend,
            default_model_dir,
        )

        if not settings.LLM_MODEL:  # the bundled SmolLM2-135M-Instruct with Atelier's tool adapter (or LLM_ADAPTER)
            adapter = settings.LLM_ADAPTER or (
                DEFAULT_ADAPTER_DIR if (DEFAULT_ADAPTER_DIR / "adapter_config.json").exists() else None)
            return TransformersBackend(default_model_dir(), gguf_file=DEFAULT_GGUF_FILE, adapter=adapter)
        return TransformersBackend(settings.LLM_MODEL, gguf_file=settings.LLM_GGUF_FILE or None,
                                   adapter=settings.LLM_ADAPTER or None)
    raise ValueError(f"unknown LLM_BACKEND {kind!r}: use local, openai or scripted")


# Time limits come from CELERY_TASK_ANNOTATIONS (settings), not from settings read at import time.
@shared_task(acks_late=True, reject_on_worker_lost=True)
def assistant_reply(reply_id: str) -> None:
    from conversations.services import reply_run

    reply_run(reply_id=reply_id, backend=get_backend())


# At most once: a completion redelivered after a crash would repeat tool calls nobody waits for any more.
@shared_task(acks_late=False)
def chat_completion(completion_id: str, user_id: int, request: dict[str, Any]) -> None:
    """One API chat completion (plain JSON in, events out on the completion's channel-layer group)."""
    from conversations.completions.relay import ChannelSink
    from conversations.completions.service import completion_execute

    sink = ChannelSink(completion_id)
    completion_execute(user_id=user_id, request=request, sink=sink, backend=get_backend, should_stop=sink.should_stop)
