from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from chatsite.accounts.models import User

pytestmark = pytest.mark.django_db


def test_anonymous_visitors_are_sent_to_log_in(client: Client) -> None:
    response = client.get(reverse("moderation:dashboard"))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_non_staff_get_403(client: Client, user: User) -> None:
    client.force_login(user)
    response = client.get(reverse("moderation:dashboard"))
    assert response.status_code == 403
    assert b"You do not have access to this page." in response.content


def test_staff_open_the_dashboard(client: Client, staff_user: User) -> None:
    client.force_login(staff_user)
    assert client.get(reverse("moderation:dashboard")).status_code == 200
