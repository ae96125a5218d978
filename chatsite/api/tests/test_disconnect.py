"""A client that hangs up while its images are being made: the wait is cancelled, and so is the job, unpaid.
Needs every middleware async-capable (chatsite/middleware.py): otherwise the view runs in a thread that a
disconnect never reaches. No worker runs here, so the job would otherwise stay queued until the wait limit."""

from __future__ import annotations

import json
import socket
import time
from pathlib import Path
from urllib.parse import urlsplit

from chatsite.accounts.models import User
from chatsite.accounts.quotas import quota_status
from chatsite.api.tests.conftest import running_daphne
from imaging.models import ImageJob, JobStatus


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
