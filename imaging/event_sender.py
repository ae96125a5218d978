"""Channel-layer events from a gpu worker without holding up the denoising loop.

`conversation_event_send` runs `async_to_sync(group_send)`: each call starts an event loop, and channels_redis
keeps its Redis connections per loop, so every progress report opened a new connection (tens of milliseconds on
a busy CPU, between two denoising steps). In a worker process the job's events instead go through one
`EventSender`: a daemon thread running one long-lived loop (so one Redis connection) that sends them one after
the other, in the order they were given. The caller only appends to a queue.

Progress events are coalesced: when several reports of the same job wait in the queue (Redis slow, CPU busy),
only the latest is sent; every other event (running, the final status) is sent as given, in order. A report
that was dropped this way was already stale: its preview file is deleted by the next report.

`flush()` waits until everything given so far is sent; `sending()`, around each gpu task, calls it before the task
returns, so the final event leaves the process before the broker message is acknowledged, as when it was sent
synchronously. Outside `sending()` (web processes, tests) events are sent synchronously (`enabled()` is None).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from conversations.events import group_name

logger = logging.getLogger(__name__)


@dataclass
class _Event:
    conversation_id: str
    payload: dict[str, Any]
    coalesce_key: str | None = None  # events with the same key replace each other while waiting
    done: threading.Event | None = field(default=None, repr=False)  # a flush marker, not an event


class EventSender:
    """One background loop per process; `send` never blocks on the network. Thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._waiting: list[_Event] = []
        self._wake = threading.Condition(self._lock)
        self._thread: threading.Thread | None = None
        self._pid = 0
        self.sent = 0  # events sent (for the tests and the logs)
        self.coalesced = 0  # progress reports replaced by a later one before they were sent

    def send(self, *, conversation_id: str, payload: dict[str, Any], coalesce_key: str | None = None) -> None:
        """Queue an event for the conversation's group; with `coalesce_key`, a later event with the same key that
        is queued before this one leaves replaces it."""
        self._enqueue(_Event(str(conversation_id), payload, coalesce_key))

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until every event given so far has been sent (or failed); False on timeout."""
        marker = threading.Event()
        self._enqueue(_Event("", {}, done=marker))
        return marker.wait(timeout)

    def _enqueue(self, event: _Event) -> None:
        with self._lock:
            self._start_if_needed()
            self._waiting.append(event)
            self._wake.notify()

    def _start_if_needed(self) -> None:
        if self._pid != os.getpid():  # a forked pool process has the object but not the thread, nor its events
            self._pid, self._thread, self._waiting = os.getpid(), None, []
        if self._thread is None or not self._thread.is_alive():
            self._thread = threading.Thread(target=self._run, name="imaging-events", daemon=True)
            self._thread.start()

    def _take(self) -> list[_Event]:
        """Block until events wait, then take them all, dropping progress superseded by a later one."""
        with self._lock:
            while not self._waiting:
                self._wake.wait()
            batch, self._waiting = self._waiting, []
        latest: dict[str, int] = {}
        for index, event in enumerate(batch):
            if event.coalesce_key is not None:
                latest[event.coalesce_key] = index
        kept = [e for i, e in enumerate(batch) if e.coalesce_key is None or latest[e.coalesce_key] == i]
        self.coalesced += len(batch) - len(kept)
        return kept

    def _run(self) -> None:
        """The thread: one loop for its whole life (channels_redis keeps its connections per loop)."""
        from channels.layers import get_channel_layer

        loop = asyncio.new_event_loop()
        layer = get_channel_layer()
        while True:
            loop.run_until_complete(self._send_all(layer, self._take()))

    async def _send_all(self, layer: Any, batch: list[_Event]) -> None:
        for event in batch:
            if event.done is not None:
                event.done.set()
            elif layer is not None:
                try:
                    await layer.group_send(group_name(event.conversation_id),
                                           {"type": "client.event", "payload": event.payload})
                    self.sent += 1
                except Exception:  # noqa: BLE001 - a lost event is replaced by the next; the job goes on
                    logger.warning("could not send an event to conversation %s", event.conversation_id,
                                   exc_info=True)


_sender: EventSender | None = None  # created once per process, kept between tasks (its loop and connection too)
_active = False


@contextlib.contextmanager
def sending(*, flush_timeout: float = 10.0) -> Iterator[EventSender]:
    """While a gpu task runs: this process's imaging events go through the background sender; on the way out,
    wait until they have left (the job's last event leaves before the task returns and its message is acked).
    Outside it (web processes, other tasks, tests) events are sent synchronously as before."""
    global _sender, _active
    if _sender is None:
        _sender = EventSender()
    _active = True
    try:
        yield _sender
    finally:
        _active = False
        if not _sender.flush(timeout=flush_timeout):
            logger.warning("imaging events still unsent after %.0f s", flush_timeout)


def enabled() -> EventSender | None:
    """The background sender while a gpu task runs in this process, else None."""
    return _sender if _active else None
