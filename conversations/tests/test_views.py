from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from chatsite.accounts.models import User
from conversations.models import Conversation
from conversations.tests.factories import ConversationFactory

pytestmark = pytest.mark.django_db


def test_the_chat_needs_a_login(client: Client) -> None:
    response = client.get(reverse("conversations:chat"))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_the_composer_is_labelled_message_with_a_send_button(client: Client, user: User) -> None:
    client.force_login(user)
    html = client.get(reverse("conversations:chat")).content.decode()
    assert '<label for="message-input">Message</label>' in html
    assert '<button type="submit" class="primary">Send</button>' in html


def test_the_sidebar_lists_only_my_conversations(client: Client, user: User, other_user: User) -> None:
    ConversationFactory.create(user=user, title="Mine")
    ConversationFactory.create(user=other_user, title="Theirs")
    client.force_login(user)
    html = client.get(reverse("conversations:chat")).content.decode()
    assert "Mine" in html and "Theirs" not in html


def test_another_users_conversation_is_a_404(client: Client, user: User, other_user: User) -> None:
    theirs = ConversationFactory.create(user=other_user, title="Secret plans")
    client.force_login(user)
    for name in ("conversation",):
        response = client.get(reverse(f"conversations:{name}", args=[theirs.pk]))
        assert response.status_code == 404 and b"Secret plans" not in response.content
    assert client.post(reverse("conversations:rename", args=[theirs.pk]), {"title": "pwned"}).status_code == 404
    assert client.post(reverse("conversations:delete", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.title == "Secret plans"


def test_new_rename_and_delete(client: Client, user: User) -> None:
    client.force_login(user)
    response = client.post(reverse("conversations:new"))
    conversation = Conversation.objects.get(user=user)
    assert response["Location"] == reverse("conversations:conversation", args=[conversation.pk])
    client.post(reverse("conversations:rename", args=[conversation.pk]), {"title": "  Boats  "})
    conversation.refresh_from_db()
    assert conversation.title == "Boats"
    client.post(reverse("conversations:delete", args=[conversation.pk]))
    assert not Conversation.objects.exists()


def test_the_first_message_on_the_empty_page_starts_a_conversation(client: Client, user: User) -> None:
    client.force_login(user)
    client.post(reverse("conversations:new"), {"text": "Hello there"})
    conversation = Conversation.objects.get(user=user)
    assert conversation.title == "Hello there"
    assert conversation.messages.get().content == "Hello there"


def test_an_empty_first_message_is_refused_in_plain_words(client: Client, user: User) -> None:
    client.force_login(user)
    response = client.post(reverse("conversations:new"), {"text": "   "}, follow=True)
    assert b"The message is empty." in response.content
    assert not Conversation.objects.exists()
