"""The uploads of a conversation in the state a chat page redraws from (`history` after a (re)connect)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from chatsite.accounts.models import User
from conversations.selectors import conversation_state
from conversations.tests.factories import ConversationFactory
from imaging.models import Image, ImageKind, JobMode, ModerationState
from imaging.selectors import image_uploads_for_conversation
from imaging.tests.factories import ImageFactory, ImageJobFactory

pytestmark = pytest.mark.django_db


def upload(owner: User, **fields: Any) -> Image:
    return ImageFactory.create(owner=owner, kind=ImageKind.UPLOAD, prompt="", seed=None, **fields)


def test_the_uploads_of_a_conversation_come_oldest_first_with_their_consent_state(user: User) -> None:
    conversation = ConversationFactory.create(user=user)
    now = timezone.now()
    confirmed = upload(user, conversation=conversation, consent_required=True, consent_confirmed_at=now,
                       created_at=now - dt.timedelta(minutes=2))
    pending = upload(user, conversation=conversation, consent_required=True, created_at=now - dt.timedelta(minutes=1))
    plain = upload(user, conversation=conversation, created_at=now)
    uploads = image_uploads_for_conversation(conversation=conversation)
    assert [(u["id"], u["needs_consent"]) for u in uploads] == [
        (str(confirmed.pk), False), (str(pending.pk), True), (str(plain.pk), False)
    ]
    first = uploads[0]
    assert first["upload"] is True and first["job_id"] is None and first["prompt"] == ""
    assert first["url"] == f"/images/{confirmed.pk}/"
    assert first["consent_url"] == f"/images/{confirmed.pk}/consent/"
    assert first["created_at"] == (now - dt.timedelta(minutes=2)).isoformat()


def test_the_chat_state_lists_each_upload_once_beside_the_jobs_made_from_it(user: User) -> None:
    conversation = ConversationFactory.create(user=user)
    photo = upload(user, conversation=conversation)
    for _ in range(2):  # two edits of the same upload
        ImageJobFactory.create(user=user, conversation=conversation, mode=JobMode.EDIT, source_image=photo,
                               strength=0.6)
    ImageFactory.create(owner=user, conversation=conversation)  # a generated image is not an upload
    state = conversation_state(conversation=conversation)
    assert [u["id"] for u in state["uploads"]] == [str(photo.pk)]
    assert [j["parent_id"] for j in state["image_jobs"]] == [str(photo.pk)] * 2


def test_another_users_uploads_never_show_in_a_conversation(user: User, other_user: User) -> None:
    mine = ConversationFactory.create(user=user)
    theirs = ConversationFactory.create(user=other_user)
    upload(other_user, conversation=theirs)
    # A row of someone else pointing at the conversation (the services refuse to make one) is not shown either.
    upload(other_user, conversation=mine)
    assert image_uploads_for_conversation(conversation=mine) == []
    assert conversation_state(conversation=mine)["uploads"] == []


def test_a_withheld_upload_is_listed_without_any_url(user: User) -> None:
    conversation = ConversationFactory.create(user=user)
    upload(user, conversation=conversation, moderation_state=ModerationState.WITHHELD)
    [payload] = image_uploads_for_conversation(conversation=conversation)
    assert payload["withheld"] is True and payload["url"] is None and "download_url" not in payload
