from __future__ import annotations

import pytest

from chatsite.accounts.models import User
from conversations.errors import InvalidMessage
from conversations.models import MAX_MESSAGE_CHARS, Conversation, Message
from conversations.services import conversation_start, message_post_user
from conversations.tests.factories import ConversationFactory

pytestmark = pytest.mark.django_db


def test_the_first_message_names_an_untitled_conversation(user: User) -> None:
    conversation = ConversationFactory.create(user=user, title="")
    message_post_user(conversation=conversation, text="  Paint a lighthouse at dusk\nwith gulls ")
    conversation.refresh_from_db()
    assert conversation.title == "Paint a lighthouse at dusk"
    assert Message.objects.get(conversation=conversation).content == "Paint a lighthouse at dusk\nwith gulls"


@pytest.mark.parametrize("text", ["", "   ", None, 42, ["list"], "x" * (MAX_MESSAGE_CHARS + 1)])
def test_invalid_messages_are_refused_and_nothing_is_stored(user: User, text: object) -> None:
    conversation = ConversationFactory.create(user=user)
    with pytest.raises(InvalidMessage):
        message_post_user(conversation=conversation, text=text)
    assert not Message.objects.exists()


def test_a_message_of_exactly_the_limit_is_accepted(user: User) -> None:
    conversation = ConversationFactory.create(user=user)
    message_post_user(conversation=conversation, text="y" * MAX_MESSAGE_CHARS)
    assert Message.objects.count() == 1


def test_starting_with_an_invalid_message_creates_no_conversation(user: User) -> None:
    with pytest.raises(InvalidMessage):
        conversation_start(user=user, text="")
    assert not Conversation.objects.exists()
