"""A client that hangs up while its images are being made: the wait is cancelled, and so is the job, unpaid.
Needs every middleware async-capable (chatsite/middleware.py): otherwise the view runs in a thread that a
disconnect never reaches. No worker runs here, so the job would otherwise stay queued until the wait limit.
A hang-up can also come while the job is still being created (its row committed, the view not yet waiting):
the job it made is cancelled too."""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from asgiref.sync import sync_to_async
from django.db import connections

from chatsite.accounts.models import User
from chatsite.accounts.quotas import quota_status
from chatsite.api import images as api_images
from chatsite.api.tests.conftest import running_daphne
from imaging.models import ImageJob, JobStatus
from imaging.services import image_job_create


def _post_and_hang_up(base_url: str, key: str, body: dict[str, object], *, after: float) -> None:
    parts = urlsplit(base_url)
    payload = json.dumps(body).encode()
    head = (f"POST /v1/images/generations HTTP/1.1\r\nHost: {parts.netloc}\r\nAuthorization: Bearer {key}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(payload)}\r\n\r\n").encode()
    with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 80), timeout=10) as conn:
        conn.sendall(head + payload)
        deadline = time.monotonic() + 30
        while not ImageJob.objects.filter(prompt=body["prompt"]).exists():  # the job is queued: the view waits
            assert time.monotonic() < deadline, "the job was never created"
            time.sleep(0.1)
        time.sleep(after)


def test_it_cancels_and_refunds_the_job_when_the_client_hangs_up(
    api_account: tuple[User, str], tmp_path: Path
) -> None:
    user, key = api_account
    prompt = "a lighthouse at dusk, for a client that leaves"
    with running_daphne(tmp_path / "daphne.log", {"API_IMAGE_WAIT_SECONDS": "600"}) as url:
        _post_and_hang_up(url, key, {"prompt": prompt, "n": 2, "size": "256x256"}, after=0.5)
        deadline = time.monotonic() + 30
        job = ImageJob.objects.get(prompt=prompt)
        while job.status == JobStatus.QUEUED and time.monotonic() < deadline:
            time.sleep(0.2)
            job.refresh_from_db()
    assert job.status == JobStatus.CANCELLED
    assert quota_status(user=user).used == 0


@pytest.mark.asyncio
async def test_a_hang_up_while_the_job_is_being_created_cancels_it_once_made(api_account: tuple[User, str]) -> None:
    user, _key = api_account
    prompt = "a harbour at noon, for a client that leaves early"
    made, release = threading.Event(), threading.Event()

    def create() -> ImageJob:  # the row is committed and queued, then the thread is slow to hand it back
        job = image_job_create(user=user, conversation=None, prompt=prompt, size=256, n=1)
        made.set()
        release.wait(10)
        return job

    view = asyncio.ensure_future(api_images._created(user, create))
    assert await asyncio.to_thread(made.wait, 10)
    view.cancel()  # what Django's ASGI handler does when the client disconnects
    await asyncio.sleep(0.05)
    release.set()
    with pytest.raises(asyncio.CancelledError):
        await view
    job = await ImageJob.objects.aget(prompt=prompt)
    assert job.status == JobStatus.CANCELLED
    assert (await sync_to_async(quota_status)(user=user)).used == 0
    await sync_to_async(connections.close_all)()  # the creating thread's connection, before the database goes
