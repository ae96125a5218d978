from __future__ import annotations

from typing import Any

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.contrib.auth.models import AnonymousUser

from chatsite.accounts.models import User
from chatsite.asgi import application
from conversations.consumers import CLOSE_NOT_FOUND, CLOSE_UNAUTHENTICATED, MAX_FRAME_BYTES
from conversations.models import Conversation, Message
from conversations.tests.factories import ConversationFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]

HEADERS = [(b"origin", b"http://127.0.0.1"), (b"host", b"127.0.0.1")]


def communicator(conversation_id: Any, user: Any) -> WebsocketCommunicator:
    comm = WebsocketCommunicator(application, f"/ws/conversations/{conversation_id}/", headers=HEADERS)
    comm.scope["user"] = user  # what the auth middleware would have put there from the session
    return comm


@database_sync_to_async
def make_conversation(user: User) -> Conversation:
    return ConversationFactory.create(user=user)


@database_sync_to_async
def message_count() -> int:
    return Message.objects.count()


async def connected(user: User) -> tuple[WebsocketCommunicator, Conversation]:
    conversation = await make_conversation(user)
    comm = communicator(conversation.pk, user)
    ok, _ = await comm.connect()
    assert ok
    return comm, conversation


async def refused(comm: WebsocketCommunicator) -> tuple[bool, Any]:
    """Connect, then end the application instance here, so the test's event loop does not have to cancel it at
    teardown (a refused consumer still waits for the disconnect; once, cancelling it there hung past the timeout)."""
    try:
        return await comm.connect()
    finally:
        await comm.disconnect()


async def test_anonymous_connections_are_closed_with_4401(user: User) -> None:
    conversation = await make_conversation(user)
    ok, code = await refused(communicator(conversation.pk, AnonymousUser()))
    assert not ok and code == CLOSE_UNAUTHENTICATED


async def test_another_users_conversation_is_closed_with_4404(user: User, other_user: User) -> None:
    conversation = await make_conversation(other_user)
    ok, code = await refused(communicator(conversation.pk, user))
    assert not ok and code == CLOSE_NOT_FOUND


async def test_a_foreign_origin_is_refused(user: User) -> None:
    conversation = await make_conversation(user)
    comm = WebsocketCommunicator(
        application, f"/ws/conversations/{conversation.pk}/", headers=[(b"origin", b"http://evil.example")]
    )
    comm.scope["user"] = user
    ok, _ = await refused(comm)
    assert not ok


async def test_a_user_message_is_stored_broadcast_and_answered_by_a_queued_reply(user: User) -> None:
    comm, conversation = await connected(user)
    await comm.send_json_to({"type": "user_message", "text": "Draw a cat"})
    event = await comm.receive_json_from(timeout=5)
    assert event["type"] == "message"
    assert event["message"]["role"] == "user" and event["message"]["content"] == "Draw a cat"
    reply = await comm.receive_json_from(timeout=5)
    assert reply["type"] == "reply" and reply["status"] == "queued"
    assert event["message"]["reply_id"] == reply["reply_id"]
    assert await message_count() == 1
    await comm.disconnect()


async def test_a_second_message_is_refused_while_the_reply_is_written(user: User) -> None:
    comm, _ = await connected(user)
    await comm.send_json_to({"type": "user_message", "text": "one"})
    await comm.receive_json_from(timeout=5)
    await comm.receive_json_from(timeout=5)
    await comm.send_json_to({"type": "user_message", "text": "two"})
    assert (await comm.receive_json_from(timeout=5))["code"] == "reply_in_progress"
    assert await message_count() == 1
    await comm.disconnect()


async def test_stop_cancels_a_queued_reply(user: User) -> None:
    comm, _ = await connected(user)
    await comm.send_json_to({"type": "user_message", "text": "one"})
    await comm.receive_json_from(timeout=5)
    reply = await comm.receive_json_from(timeout=5)
    await comm.send_json_to({"type": "cancel", "reply_id": reply["reply_id"]})
    done = await comm.receive_json_from(timeout=5)
    assert done == {"type": "reply_done", "reply_id": reply["reply_id"], "status": "cancelled", "error": ""}
    await comm.send_json_to({"type": "cancel", "reply_id": reply["reply_id"]})
    assert (await comm.receive_json_from(timeout=5))["code"] == "not_running"
    await comm.disconnect()


async def test_another_users_reply_cannot_be_stopped(user: User, other_user: User) -> None:
    theirs, _ = await connected(other_user)
    await theirs.send_json_to({"type": "user_message", "text": "mine"})
    await theirs.receive_json_from(timeout=5)
    reply = await theirs.receive_json_from(timeout=5)
    mine, _ = await connected(user)
    await mine.send_json_to({"type": "cancel", "reply_id": reply["reply_id"]})
    assert (await mine.receive_json_from(timeout=5))["code"] == "not_running"
    assert await theirs.receive_nothing(timeout=0.3)
    await theirs.disconnect()
    await mine.disconnect()


async def test_sync_returns_the_whole_state(user: User) -> None:
    comm, conversation = await connected(user)
    await comm.send_json_to({"type": "user_message", "text": "one"})
    await comm.receive_json_from(timeout=5)
    reply = await comm.receive_json_from(timeout=5)
    await comm.send_json_to({"type": "sync"})
    event = await comm.receive_json_from(timeout=5)
    assert event["type"] == "history"
    assert [m["content"] for m in event["messages"]] == ["one"]
    assert event["reply"]["reply_id"] == reply["reply_id"] and event["reply"]["status"] == "queued"
    assert event["image_jobs"] == [] and event["uploads"] == []
    await comm.disconnect()


async def test_a_flood_of_messages_is_rate_limited(user: User, settings: Any) -> None:
    settings.CHAT_MESSAGES_PER_MINUTE = 2
    comm, _ = await connected(user)
    codes = []
    for _ in range(4):
        await comm.send_json_to({"type": "user_message", "text": "spam"})
        event = await comm.receive_json_from(timeout=5)
        if event["type"] == "message":
            await comm.receive_json_from(timeout=5)  # its reply event
        codes.append(event.get("code", event["type"]))
    assert codes == ["message", "reply_in_progress", "rate_limited", "rate_limited"]
    assert await message_count() == 1
    await comm.disconnect()


async def test_a_flood_of_frames_is_rate_limited(user: User, settings: Any) -> None:
    settings.CHAT_FRAMES_PER_10S = 3
    comm, _ = await connected(user)
    for _ in range(3):
        await comm.send_json_to({"type": "nonsense"})
        assert (await comm.receive_json_from(timeout=5))["code"] == "unknown_type"
    await comm.send_json_to({"type": "sync"})
    assert (await comm.receive_json_from(timeout=5))["code"] == "rate_limited"
    await comm.disconnect()


@pytest.mark.parametrize(
    "frame, code",
    [
        ("not json", "invalid_json"),
        ("[1, 2]", "invalid_json"),
        ('{"type": "launch_missiles"}', "unknown_type"),
        ('{"type": "user_message", "text": ""}', "invalid_message"),
        ('{"type": "user_message", "text": 5}', "invalid_message"),
        ('{"type": "user_message", "text": "' + "a" * 9000 + '"}', "invalid_message"),
        ('{"type": "user_message", "text": "' + "a" * MAX_FRAME_BYTES + '"}', "invalid_frame"),
    ],
)
async def test_bad_frames_get_an_error_event_and_store_nothing(user: User, frame: str, code: str) -> None:
    comm, _ = await connected(user)
    await comm.send_to(text_data=frame)
    event = await comm.receive_json_from(timeout=5)
    assert event == {"type": "error", "code": code, "detail": event["detail"]}
    assert event["detail"]
    assert await message_count() == 0
    # The connection survives the bad frame.
    await comm.send_json_to({"type": "sync"})
    assert (await comm.receive_json_from(timeout=5))["type"] == "history"
    await comm.disconnect()


async def test_binary_frames_are_refused(user: User) -> None:
    comm, _ = await connected(user)
    await comm.send_to(bytes_data=b"\x00\x01")
    assert (await comm.receive_json_from(timeout=5))["code"] == "invalid_frame"
    await comm.disconnect()


async def test_events_from_workers_reach_the_open_conversation(user: User) -> None:
    from asgiref.sync import sync_to_async

    from conversations.events import conversation_event_send

    comm, conversation = await connected(user)
    payload = {"type": "image_job", "job_id": "abc", "status": "running", "progress": 0.5}
    await sync_to_async(conversation_event_send, thread_sensitive=False)(
        conversation_id=conversation.pk, payload=payload
    )
    assert await comm.receive_json_from(timeout=5) == payload
    await comm.disconnect()


# --- uploads: announced to the open page, and part of the state a page redraws from after a reconnect --------

@database_sync_to_async
def upload(user: User, conversation: Conversation, data: bytes) -> str:
    from imaging.services import image_upload_create

    return str(image_upload_create(user=user, conversation=conversation, data=data, filename="photo.png").pk)


@database_sync_to_async
def confirm_consent(user: User, image_id: str) -> None:
    from imaging.selectors import image_get_for_user
    from imaging.services import image_upload_consent_confirm

    image_upload_consent_confirm(user=user, image=image_get_for_user(user=user, image_id=image_id))


async def history(comm: WebsocketCommunicator) -> dict[str, Any]:
    await comm.send_json_to({"type": "sync"})
    event = await comm.receive_json_from(timeout=5)
    assert event["type"] == "history"
    return event


async def test_an_upload_comes_back_once_with_its_consent_state_after_a_reconnect(user: User) -> None:
    from imaging.tests.factories import face_png

    comm, conversation = await connected(user)
    image_id = await upload(user, conversation, face_png())
    event = await comm.receive_json_from(timeout=5)  # the open page is told at once
    assert event["type"] == "image_upload" and event["image"]["id"] == image_id and event["image"]["needs_consent"]
    await comm.disconnect()

    again = communicator(conversation.pk, user)  # the page reloads, or its socket reconnects
    assert (await again.connect())[0]
    [pending] = (await history(again))["uploads"]
    assert (pending["id"], pending["needs_consent"], pending["upload"]) == (image_id, True, True)
    assert pending["url"] == f"/images/{image_id}/" and pending["consent_url"] == f"/images/{image_id}/consent/"

    await confirm_consent(user, image_id)
    assert (await again.receive_json_from(timeout=5))["image"]["needs_consent"] is False
    for _ in range(2):  # any number of syncs: the same single upload, now confirmed
        assert [(u["id"], u["needs_consent"]) for u in (await history(again))["uploads"]] == [(image_id, False)]
    await again.disconnect()


async def test_another_users_upload_never_reaches_a_page(user: User, other_user: User) -> None:
    from imaging.tests.factories import png_bytes

    theirs, their_conversation = await connected(other_user)
    mine, my_conversation = await connected(user)
    await upload(user, my_conversation, png_bytes())
    assert (await mine.receive_json_from(timeout=5))["type"] == "image_upload"
    assert await theirs.receive_nothing(timeout=0.3)  # no event on another conversation's group
    assert (await history(theirs))["uploads"] == []
    ok, code = await communicator(my_conversation.pk, other_user).connect()  # nor through the owner's page
    assert not ok and code == CLOSE_NOT_FOUND
    await theirs.disconnect()
    await mine.disconnect()
