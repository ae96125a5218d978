"""The `image_job` events a browser receives over the conversation's websocket while a real worker runs a job."""

from __future__ import annotations

import json
import subprocess
from typing import Any

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator

from chatsite.accounts.models import User
from chatsite.asgi import application
from conversations.models import Conversation
from conversations.tests.factories import ConversationFactory
from imaging import services
from imaging.models import ImageJob

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True), pytest.mark.asyncio]

HEADERS = [(b"origin", b"http://127.0.0.1"), (b"host", b"127.0.0.1")]
TERMINAL = {"succeeded", "failed", "cancelled", "blocked"}


@database_sync_to_async
def warm_up(user: User) -> None:
    """Let the worker load the model first. Without this the consumer idles for the length of the load, and
    with redis-py 8's default 5 s socket timeout (equal to channels_redis' 5 s BZPOPMIN) an idle consumer's
    receive fails (reported to the lead: CHANNEL_LAYERS needs a socket_timeout above 5 s)."""
    import time

    job = services.image_job_create(user=user, conversation=None, prompt="warm up", size=256)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.is_terminal:
            return
        time.sleep(0.2)
    raise AssertionError("the worker did not finish the warm-up job")


async def connected(user: User) -> tuple[WebsocketCommunicator, Conversation]:
    await warm_up(user)
    conversation: Conversation = await database_sync_to_async(ConversationFactory.create)(user=user)
    comm = WebsocketCommunicator(application, f"/ws/conversations/{conversation.pk}/", headers=HEADERS)
    comm.scope["user"] = user
    ok, _ = await comm.connect()
    assert ok
    return comm, conversation


async def events_until_finished(comm: WebsocketCommunicator, job_id: str) -> list[dict[str, Any]]:
    events: list[dict[str, Any]] = []
    while not events or events[-1]["status"] not in TERMINAL:
        event = await comm.receive_json_from(timeout=120)
        if event.get("type") == "image_job" and event["job_id"] == job_id:
            events.append(event)
    return events


async def test_a_job_streams_queued_then_steps_and_previews_then_its_images(
    celery_worker_process: subprocess.Popen[bytes], user: User, settings: Any
) -> None:
    settings.IMAGE_STEPS = 2
    comm, conversation = await connected(user)
    settings.IMAGE_STEPS = 12  # the worker previews every 4 steps (IMAGE_PREVIEW_EVERY)
    job: ImageJob = await database_sync_to_async(services.image_job_create)(
        user=user, conversation=conversation, prompt="a lighthouse at dusk", size=256, n=2
    )
    events = await events_until_finished(comm, str(job.pk))
    await comm.disconnect()

    statuses = [e["status"] for e in events]
    assert statuses[0] == "queued" and events[0]["queue_position"] >= 1
    assert statuses[-1] == "succeeded"
    assert set(statuses[1:-1]) == {"running"}
    steps = [e["step"] for e in events if e["status"] == "running"]
    assert steps == sorted(steps) and steps[-1] == 12 and 1 in steps
    assert all(e["steps"] == 12 for e in events[1:])
    previews = [e for e in events if e.get("preview_url")]
    assert previews and previews[0]["step"] == 4  # the first preview after the first few steps
    assert previews[0]["preview_url"].startswith(f"/images/jobs/{job.pk}/preview/")
    final = events[-1]
    assert final["progress"] == 1.0 and final["queue_position"] is None and "preview_url" not in final
    assert [image["url"] for image in final["images"]] == [f"/images/{image['id']}/" for image in final["images"]]
    assert len(final["images"]) == 2
    assert {image["prompt"] for image in final["images"]} == {"a lighthouse at dusk"}
    # Ids, status and URLs only: never image bytes.
    assert max(len(json.dumps(e)) for e in events) < 4000


async def test_a_cancelled_job_ends_with_a_cancelled_event(
    celery_worker_process: subprocess.Popen[bytes], user: User, settings: Any
) -> None:
    settings.IMAGE_STEPS = 2
    comm, conversation = await connected(user)
    settings.IMAGE_STEPS = 500
    job: ImageJob = await database_sync_to_async(services.image_job_create)(
        user=user, conversation=conversation, prompt="a slow lighthouse", size=256
    )
    while True:
        event = await comm.receive_json_from(timeout=120)
        if event.get("type") == "image_job" and event["status"] == "running" and event["step"] >= 1:
            break
    await database_sync_to_async(services.image_job_cancel)(user=user, job=job)
    events = await events_until_finished(comm, str(job.pk))
    await comm.disconnect()
    assert events[-1]["status"] == "cancelled"
    assert events[-1]["error_code"] == "cancelled" and "not charged" in events[-1]["error"]
