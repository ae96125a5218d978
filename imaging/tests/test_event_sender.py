"""The gpu worker's event sender: one long-lived loop thread, events in order, waiting progress coalesced."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

from conversations.events import group_name
from imaging import event_sender
from imaging.event_sender import EventSender, _Event


def test_events_reach_the_conversation_group_in_order_and_flush_waits_for_them() -> None:
    layer: Any = get_channel_layer()
    conversation_id = str(uuid.uuid4())
    sender = EventSender()

    async def run() -> list[int]:
        channel = await layer.new_channel()
        await layer.group_add(group_name(conversation_id), channel)
        for step in range(1, 31):
            sender.send(conversation_id=conversation_id, payload={"type": "image_job", "step": step})
        assert await asyncio.to_thread(sender.flush, 10)
        return [(await layer.receive(channel))["payload"]["step"] for _ in range(30)]

    assert async_to_sync(run)() == list(range(1, 31))
    assert sender.sent == 30
    thread = sender._thread
    sender.send(conversation_id=conversation_id, payload={"type": "image_job", "step": 31})
    assert sender.flush(10) and sender._thread is thread  # one thread (and loop) for the process's life


def test_waiting_progress_of_a_job_is_coalesced_to_the_latest_and_other_events_keep_their_order() -> None:
    sender = EventSender()

    def progress(job: str, step: int) -> _Event:
        return _Event("c", {"job_id": job, "step": step}, coalesce_key=f"progress:{job}")

    final = _Event("c", {"job_id": "a", "status": "succeeded"})
    sender._waiting = [progress("a", 1), progress("b", 1), progress("a", 2), final, progress("b", 2)]
    batch = sender._take()
    assert [e.payload for e in batch] == [{"job_id": "a", "step": 2}, final.payload, {"job_id": "b", "step": 2}]
    assert sender.coalesced == 2


def test_the_background_sender_is_used_only_while_a_gpu_task_runs() -> None:
    assert event_sender.enabled() is None  # web processes and tests send synchronously
    with event_sender.sending() as sender:
        assert event_sender.enabled() is sender
    assert event_sender.enabled() is None
    with event_sender.sending() as again:
        assert again is sender  # one sender (thread, loop, connection) per process, kept between tasks
