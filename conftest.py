"""Shared fixtures: accounts, a live Daphne server, a real Celery worker, a headless browser."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings

from chatsite.accounts.models import User
from chatsite.accounts.tests.factories import PASSWORD, UserFactory, ensure_plans

ROOT = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(autouse=True)
def fresh_channel_layers() -> Iterator[None]:
    """Each test gets new channel-layer objects. One layer object serves every event loop of the test process,
    and channels_redis keeps asyncio locks in it: a lock first contended under one test's loop is bound to
    that loop, and the next test that contends for it (another loop) fails with "bound to a different event
    loop" (seen once in a full run: a consumer's receive and the test's own receive on one layer)."""
    from channels.layers import channel_layers

    channel_layers.backends.clear()
    yield
    channel_layers.backends.clear()


@pytest.fixture
def password() -> str:
    return PASSWORD


@pytest.fixture
def user(db: None) -> User:
    return UserFactory.create()


@pytest.fixture
def other_user(db: None) -> User:
    return UserFactory.create()


@pytest.fixture
def staff_user(db: None) -> User:
    return UserFactory.create(is_staff=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def subprocess_env() -> dict[str, str]:
    """Environment for servers and workers started by tests: the test database and the test Redis."""
    # The resolved server, pointed at the test database pytest-django created.
    url = urlsplit(os.environ["DATABASE_URL"])._replace(path="/" + settings.DATABASES["default"]["NAME"])
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="chatsite.settings.test",
        DATABASE_URL=urlunsplit(url),
        REDIS_URL=settings.REDIS_URL,
        PYTHONUNBUFFERED="1",
    )
    return env


def wait_for_http(url: str, proc: subprocess.Popen[Any], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - loopback test URL
                return
        except urllib.error.HTTPError:
            return  # it answered
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"{url} did not answer within {timeout}s")


def stop(proc: subprocess.Popen[Any]) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


@pytest.fixture
def live_daphne(transactional_db: None, tmp_path: Path) -> Iterator[str]:
    """A real Daphne server (HTTP and WebSockets) on the test database; yields its base URL."""
    ensure_plans()  # an earlier transactional test may have flushed the seeded rows
    port = free_port()
    log = (tmp_path / "daphne.log").open("wb")
    proc = subprocess.Popen(
        [str(BIN / "daphne"), "-b", "127.0.0.1", "-p", str(port), "chatsite.asgi:application"],
        cwd=ROOT, env=subprocess_env(), stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    try:
        wait_for_http(f"http://127.0.0.1:{port}/account/login/", proc)
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(proc)
        log.close()


def purge_task_queues() -> int:
    """Drop every waiting task of the default, llm and gpu queues (each priority level); returns how many.
    `app.control.purge()` alone only empties the queues this process consumes from: the default one."""
    from chatsite.celery import app

    with app.connection_for_write() as conn:
        channel: Any = conn.default_channel  # the transport's channel: queue_purge covers the priority levels
        return sum(int(channel.queue_purge(queue) or 0) for queue in ("default", "llm", "gpu"))


@contextlib.contextmanager
def running_celery_worker(
    log_path: Path, extra_env: dict[str, str] | None = None, *, purge: bool = True, concurrency: int = 1
) -> Iterator[subprocess.Popen[bytes]]:
    """A real `celery worker` subprocess on the llm and gpu queues (`concurrency` processes), ready once it
    answers a ping."""
    from chatsite.celery import app

    name = f"test-{free_port()}@localhost"
    if purge:
        purge_task_queues()  # tasks queued by earlier tests that no worker ran must not run now
    env = {**subprocess_env(), **(extra_env or {})}
    log = log_path.open("wb")
    proc = subprocess.Popen(
        [str(BIN / "celery"), "-A", "chatsite", "worker", "-Q", "llm,gpu", "-c", str(concurrency), "-n", name,
         "--without-gossip", "--without-mingle", "--loglevel", "INFO"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise RuntimeError(f"worker exited: {log_path.read_text()[-2000:]}")
            if app.control.ping(destination=[name], timeout=0.5):
                break
        else:
            raise TimeoutError("worker did not answer a ping within 90 s")
        yield proc
    finally:
        stop(proc)
        log.close()


@pytest.fixture
def celery_worker_process(transactional_db: None, tmp_path: Path) -> Iterator[subprocess.Popen[bytes]]:
    """A real worker on the llm and gpu queues with the project's settings."""
    with running_celery_worker(tmp_path / "worker.log") as proc:
        yield proc


@pytest.fixture
def browser() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright (no browser download: executable_path).

    Function-scoped on purpose: Playwright's sync API runs an event loop on the main thread, and
    Django's ORM refuses to work beside a running loop; closing it per test lets the database
    teardown of transactional tests run normally."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: `make browser-deps` installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    from playwright.sync_api import expect

    # Generous waits: CI machines have two cores and the tests start real servers and workers.
    expect.set_options(timeout=20_000)
    context = browser.new_context(locale="en-US")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()
