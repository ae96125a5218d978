"""The web side of a completion (`relay.completion_events`) on the real channel layer and database: the test plays
the worker, publishing on the completion's group what `ChannelSink` would."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from asgiref.sync import sync_to_async
from django.core.cache import cache
from django.test import override_settings

from chatsite.accounts.models import User
from chatsite.accounts.quotas import quota_status
from conversations.completions import relay
from conversations.completions.request import ChatCompletionRequest
from conversations.llm.base import Usage
from imaging.models import Image, ImageJob, JobStatus
from imaging.services import image_job_create
from imaging.tests.factories import ImageFactory, ImageJobFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]

REQUEST = ChatCompletionRequest.model_validate({"model": "atelier-chat",
                                                "messages": [{"role": "user", "content": "draw a fox"}]})


@pytest.fixture
def queued(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Completion ids handed to the (absent) worker: the Celery boundary, recorded instead of sent."""
    ids: list[str] = []
    monkeypatch.setattr(relay, "_enqueue", lambda completion_id, user_id, request: ids.append(completion_id))
    return ids


def url_of(image: Any) -> str:
    return f"https://atelier.test/files/{image.pk.hex}"


async def play_worker(ids: list[str], *steps: tuple[str, Any]) -> None:
    """Publish like the worker's ChannelSink, once the relay has queued its completion."""
    while not ids:  # noqa: ASYNC110 - appended from the relay's sync_to_async thread: no asyncio.Event there
        await asyncio.sleep(0.01)
    sink = relay.ChannelSink(ids[0])
    for kind, value in steps:
        await sync_to_async(getattr(sink, kind))(*value)


async def collect(events: Any) -> list[dict[str, Any]]:
    return [event async for event in events]


async def test_the_images_of_a_finished_job_come_after_the_text_as_signed_links(user: User,
                                                                               queued: list[str]) -> None:
    job = await sync_to_async(ImageJobFactory.create)(user=user, status=JobStatus.SUCCEEDED, prompt="a red fox")
    image = await sync_to_async(ImageFactory.create)(owner=user, job=job)
    events = relay.completion_events(user_id=user.pk, request=REQUEST, image_url=url_of)
    worker = play_worker(queued, ("text", ("Here is ",)), ("image_job", (str(job.pk),)), ("text", ("your fox.",)),
                         ("done", ("stop", Usage(4, 3))))
    got, _ = await asyncio.gather(collect(events), worker)
    assert [e["t"] for e in got] == ["text", "text", "text", "done"]
    assert "".join(e["text"] for e in got[:-1]) == f"Here is your fox.\n\n![a red fox]({url_of(image)})"
    assert got[-1] == {"t": "done", "finish_reason": "stop", "usage": {"prompt_tokens": 4, "completion_tokens": 3}}


async def test_a_withheld_image_is_not_linked(user: User, queued: list[str]) -> None:
    job = await sync_to_async(ImageJobFactory.create)(user=user, status=JobStatus.SUCCEEDED)
    await sync_to_async(ImageFactory.create)(owner=user, job=job, moderation_state="withheld")
    events = relay.completion_events(user_id=user.pk, request=REQUEST, image_url=url_of)
    worker = play_worker(queued, ("image_job", (str(job.pk),)), ("done", ("stop", Usage())))
    got, _ = await asyncio.gather(collect(events), worker)
    assert "https://" not in got[0]["text"] and "held back" in got[0]["text"]


@override_settings(API_IMAGE_WAIT_SECONDS=0.3)
async def test_a_job_unfinished_past_the_wait_is_cancelled_and_refunded(user: User, queued: list[str]) -> None:
    job = await sync_to_async(image_job_create)(user=user, conversation=None, prompt="a slow fox", size=256)
    assert (await sync_to_async(quota_status)(user=user)).used == 1
    events = relay.completion_events(user_id=user.pk, request=REQUEST, image_url=url_of)
    worker = play_worker(queued, ("image_job", (str(job.pk),)), ("done", ("stop", Usage())))
    got, _ = await asyncio.gather(collect(events), worker)
    assert "cancelled" in got[0]["text"] and got[-1]["t"] == "done"
    assert (await ImageJob.objects.aget(pk=job.pk)).status == JobStatus.CANCELLED
    assert (await sync_to_async(quota_status)(user=user)).used == 0


async def test_a_client_that_goes_away_stops_the_worker_and_cancels_its_jobs(user: User, queued: list[str]) -> None:
    job = await sync_to_async(image_job_create)(user=user, conversation=None, prompt="a fox", size=256)
    events = relay.completion_events(user_id=user.pk, request=REQUEST, image_url=url_of)
    worker = asyncio.ensure_future(play_worker(queued, ("image_job", (str(job.pk),)), ("text", ("Drawing",)),
                                                  ("flush", ())))
    first = await events.__anext__()
    await worker
    assert first == {"t": "text", "text": "Drawing"}
    await events.aclose()  # what Django does when the client disconnects mid-stream
    assert await sync_to_async(cache.get)(relay.stop_key(queued[0])) == 1
    assert (await ImageJob.objects.aget(pk=job.pk)).status == JobStatus.CANCELLED
    assert not await Image.objects.filter(owner=user).aexists()


@override_settings(CHAT_REPLY_TIME_LIMIT=-59)  # the relay waits CHAT_REPLY_TIME_LIMIT + 60 s: here 1 s
async def test_no_worker_answering_is_a_timeout_and_the_queued_task_is_told_to_stop(user: User,
                                                                                   queued: list[str]) -> None:
    events = relay.completion_events(user_id=user.pk, request=REQUEST, image_url=url_of)
    with pytest.raises(relay.CompletionTimeout):
        await collect(events)
    assert await sync_to_async(cache.get)(relay.stop_key(queued[0])) == 1


async def test_the_worker_side_ends_at_once_when_the_web_side_gave_up(user: User) -> None:
    from conversations.completions.service import completion_execute

    completion_id = relay.new_completion_id()
    await sync_to_async(cache.set)(relay.stop_key(completion_id), 1)
    sink = relay.ChannelSink(completion_id)
    calls: list[str] = []

    def backend() -> Any:
        calls.append("loaded")
        raise AssertionError("the model must not run")

    await sync_to_async(completion_execute)(user_id=user.pk, request=REQUEST.model_dump(mode="json"), sink=sink,
                                            backend=backend, should_stop=sink.should_stop)
    assert calls == []
