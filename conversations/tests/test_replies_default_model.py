"""The chat's reply path end to end with the real default model (SmolLM2-135M-Instruct and its adapter):
the model itself decides, the tool loop runs its call, the job is queued for the session's user."""

from __future__ import annotations

import json
from typing import Any

import pytest

from chatsite.accounts.models import User
from conversations.models import Conversation, Message, ReplyStatus, Role
from conversations.services import reply_request, reply_run
from conversations.tests.factories import ConversationFactory
from imaging.models import ImageJob

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def backend() -> Any:
    from conversations.llm.local import DEFAULT_ADAPTER_DIR, DEFAULT_GGUF_FILE, TransformersBackend, default_model_dir

    return TransformersBackend(default_model_dir(), gguf_file=DEFAULT_GGUF_FILE, adapter=DEFAULT_ADAPTER_DIR)


@pytest.fixture(autouse=True)
def short_answers(settings: Any) -> None:
    settings.LLM_MAX_TOKENS = 64  # room for a whole call, short answers


def test_a_picture_request_queues_one_job_and_a_question_gets_words(user: User, backend: Any) -> None:
    conversation: Conversation = ConversationFactory.create(user=user)

    _, picture = reply_request(conversation=conversation, text="draw a red fox sleeping in the snow")
    reply_run(reply_id=picture.pk, backend=backend)
    _, question = reply_request(conversation=conversation, text="What is the capital of Italy?")
    reply_run(reply_id=question.pk, backend=backend)

    stored = [(m.role, m.content[:120], m.tool_calls) for m in Message.objects.order_by("created_at")]
    assert ImageJob.objects.count() == 1, "\n".join(map(str, stored))
    job = ImageJob.objects.get()
    assert (job.user, job.conversation) == (user, conversation)
    assert "fox" in job.prompt
    picture.refresh_from_db()
    question.refresh_from_db()
    assert (picture.status, picture.tool_calls_made) == (ReplyStatus.SUCCEEDED, 1)
    assert (question.status, question.tool_calls_made) == (ReplyStatus.SUCCEEDED, 0)
    calls = [m.tool_calls for m in Message.objects.filter(reply=picture, role=Role.ASSISTANT) if m.tool_calls]
    assert [[c["function"]["name"] for c in round_calls] for round_calls in calls] == [["generate_image"]]
    assert json.loads(Message.objects.get(reply=picture, role=Role.TOOL).content)["job_id"] == str(job.pk)
    answer = Message.objects.get(reply=question, role=Role.ASSISTANT)
    assert answer.content.strip() and not answer.tool_calls
