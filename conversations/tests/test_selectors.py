from __future__ import annotations

import uuid

import pytest

from chatsite.accounts.models import User
from conversations.errors import ConversationNotFound
from conversations.selectors import conversation_get_for_user, conversation_list_for_user
from conversations.tests.factories import ConversationFactory

pytestmark = pytest.mark.django_db


def test_the_owner_gets_their_conversation(user: User) -> None:
    conversation = ConversationFactory.create(user=user)
    assert conversation_get_for_user(user=user, conversation_id=str(conversation.pk)) == conversation


def test_another_users_conversation_is_not_found(user: User, other_user: User) -> None:
    conversation = ConversationFactory.create(user=other_user)
    with pytest.raises(ConversationNotFound):
        conversation_get_for_user(user=user, conversation_id=conversation.pk)


@pytest.mark.parametrize("bad_id", ["", "42", "not-a-uuid", "'; DROP TABLE x; --", str(uuid.uuid4())])
def test_malformed_or_unknown_ids_are_not_found(user: User, bad_id: str) -> None:
    with pytest.raises(ConversationNotFound):
        conversation_get_for_user(user=user, conversation_id=bad_id)


def test_a_suspended_user_gets_nothing(user: User) -> None:
    conversation = ConversationFactory.create(user=user)
    user.is_active = False
    with pytest.raises(ConversationNotFound):
        conversation_get_for_user(user=user, conversation_id=conversation.pk)


def test_the_list_holds_only_the_users_own_conversations(user: User, other_user: User) -> None:
    mine = ConversationFactory.create(user=user)
    ConversationFactory.create(user=other_user)
    assert list(conversation_list_for_user(user=user)) == [mine]
