from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from chatsite.accounts.models import User

pytestmark = pytest.mark.django_db


def test_the_gallery_needs_a_login(client: Client) -> None:
    assert client.get(reverse("imaging:gallery")).status_code == 302


def test_a_new_user_sees_an_empty_gallery_that_points_to_the_chat(client: Client, user: User) -> None:
    client.force_login(user)
    response = client.get(reverse("imaging:gallery"))
    assert response.status_code == 200
    assert reverse("conversations:chat").encode() in response.content
