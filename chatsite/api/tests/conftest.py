"""Live-server fixtures of the API tests: one Daphne server and one gpu/llm worker per test module (starting them
per test would dominate the run), fresh accounts per test (transactional database), the official `openai`
client with retries off so that every error surfaces as the exception OpenAI's client raises."""

from __future__ import annotations

import contextlib
import io
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image as PILImage

from chatsite.accounts.models import User
from chatsite.accounts.services import api_key_create
from chatsite.accounts.tests.factories import UserFactory
from conftest import BIN, ROOT, free_port, running_celery_worker, stop, subprocess_env, wait_for_http

# One torch thread: the test machine's cores are shared with the server and the test process.
WORKER_ENV = {"IMAGE_TORCH_THREADS": "1"}
SERVER_ENV = {"API_IMAGE_WAIT_SECONDS": "90", "CHAT_MESSAGES_PER_MINUTE": "10000"}
# The shared server's worker answers chat completions too, with the scripted model (no model to load): an empty
# script answers every question with the same short text.
CHAT_WORKER_ENV = {**WORKER_ENV, "LLM_BACKEND": "scripted", "LLM_SCRIPT": "[]"}


@contextlib.contextmanager
def running_daphne(log_path: Path, extra_env: dict[str, str] | None = None) -> Iterator[str]:
    """A Daphne server on the test database (as the root `live_daphne`, with extra environment)."""
    port = free_port()
    log = log_path.open("wb")
    proc = subprocess.Popen(
        [str(BIN / "daphne"), "-b", "127.0.0.1", "-p", str(port), "chatsite.asgi:application"],
        cwd=ROOT, env={**subprocess_env(), **(extra_env or {})}, stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        wait_for_http(f"http://127.0.0.1:{port}/v1/openapi.json", proc)
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(proc)
        log.close()


@pytest.fixture(scope="module")
def api_server(django_db_setup: None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of a live server with a real worker (images, and chat completions from the scripted model),
    shared by the tests of one module."""
    logs = tmp_path_factory.mktemp("api-server")
    with running_daphne(logs / "daphne.log", SERVER_ENV) as url, running_celery_worker(logs / "worker.log",
                                                                                        CHAT_WORKER_ENV):
        yield url


@pytest.fixture
def api_account(transactional_db: None) -> tuple[User, str]:
    """A paid account (room for several images a day) and a live key of it."""
    user = UserFactory.create(plan="paid")
    return user, api_key_create(user=user, name="tests").raw


def openai_client(base_url: str, key: str, **options: Any) -> Any:
    from openai import OpenAI

    return OpenAI(api_key=key, base_url=f"{base_url}/v1", max_retries=0, timeout=120, **options)


@pytest.fixture
def oai(api_server: str, api_account: tuple[User, str]) -> Any:
    return openai_client(api_server, api_account[1])


def png_bytes(size: int = 64, color: tuple[int, ...] = (200, 120, 40), mode: str = "RGB") -> bytes:
    out = io.BytesIO()
    PILImage.new(mode, (size, size), color).save(out, format="PNG")
    return out.getvalue()


def half_transparent_mask(size: int = 64) -> bytes:
    """Opaque on the left half, fully transparent (to repaint) on the right half."""
    mask = PILImage.new("RGBA", (size, size), (0, 0, 0, 255))
    mask.paste((0, 0, 0, 0), (size // 2, 0, size, size))
    out = io.BytesIO()
    mask.save(out, format="PNG")
    return out.getvalue()
