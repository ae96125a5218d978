from __future__ import annotations

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from chatsite.accounts.models import ApiKey, User
from chatsite.accounts.quotas import quota_reserve
from chatsite.accounts.services import api_key_create
from chatsite.accounts.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_sign_up_logs_the_new_user_in_and_opens_the_chat(client: Client) -> None:
    response = client.post(reverse("accounts:signup"), {"email": "new@example.com", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("conversations:chat")
    user = User.objects.get(email="new@example.com")
    assert user.plan.slug == "free"
    assert client.get(reverse("conversations:chat")).status_code == 200


def test_sign_up_form_has_visible_email_and_password_labels(client: Client) -> None:
    html = client.get(reverse("accounts:signup")).content.decode()
    assert '<label for="id_email">Email</label>' in html
    assert '<label for="id_password">Password</label>' in html


@pytest.mark.parametrize(
    "data",
    [{"email": "not-an-email", "password": PASSWORD}, {"email": "a@example.com", "password": "short"},
     {"email": "", "password": ""}, {"email": "x" * 300 + "@example.com", "password": PASSWORD}],
)
def test_sign_up_with_bad_input_shows_errors_and_stores_nothing(client: Client, data: dict[str, str]) -> None:
    response = client.post(reverse("accounts:signup"), data)
    assert response.status_code == 400
    assert b'role="alert"' in response.content
    assert not User.objects.exists()


def test_sign_up_with_a_taken_email_says_so(client: Client) -> None:
    UserFactory.create(email="taken@example.com")
    response = client.post(reverse("accounts:signup"), {"email": "Taken@example.com", "password": PASSWORD})
    assert response.status_code == 400
    assert b"already exists" in response.content
    assert User.objects.count() == 1


def test_log_in_with_email_and_password(client: Client) -> None:
    user = UserFactory.create()
    response = client.post(reverse("accounts:login"), {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("conversations:chat")


def test_log_in_with_a_wrong_password_fails(client: Client) -> None:
    user = UserFactory.create()
    response = client.post(reverse("accounts:login"), {"username": user.email, "password": "wrong-password"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_log_out_is_a_post(client: Client) -> None:
    client.force_login(UserFactory.create())
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_change_password(client: Client) -> None:
    user = UserFactory.create()
    client.force_login(user)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": "a-new-passphrase-1", "new_password2": "a-new-passphrase-1"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a-new-passphrase-1")


def test_account_page_shows_images_left_today(client: Client) -> None:
    user = UserFactory.create()
    with transaction.atomic():
        quota_reserve(user=user, n=1)
    client.force_login(user)
    html = client.get(reverse("accounts:account")).content.decode()
    assert "2 images left today out of 3." in html
    assert client.get(reverse("accounts:quota")).json()["remaining"] == 2


def test_account_page_shows_the_plan_and_needs_login(client: Client) -> None:
    assert client.get(reverse("accounts:account")).status_code == 302
    user = UserFactory.create(plan="paid")
    client.force_login(user)
    response = client.get(reverse("accounts:account"))
    assert response.status_code == 200
    assert b"Paid" in response.content and b"200" in response.content


def test_account_page_saves_the_time_zone_and_refuses_unknown_ones(client: Client) -> None:
    user = UserFactory.create()
    client.force_login(user)
    assert client.post(reverse("accounts:account"), {"time_zone": "Europe/Paris"}).status_code == 302
    assert client.post(reverse("accounts:account"), {"time_zone": "Mars/Olympus"}).status_code == 400
    user.refresh_from_db()
    # Quota days switch at the end of the current day; the choice is stored at once.
    assert user.time_zone_next == "Europe/Paris" and user.time_zone_switch_at is not None


def test_a_new_api_key_is_shown_once(client: Client) -> None:
    user = UserFactory.create()
    client.force_login(user)
    client.post(reverse("accounts:api_key_new"), {"name": "laptop"})
    first = client.get(reverse("accounts:account")).content.decode()
    key = ApiKey.objects.get(user=user)
    assert 'data-testid="new-api-key"' in first and key.prefix in first
    second = client.get(reverse("accounts:account")).content.decode()
    assert 'data-testid="new-api-key"' not in second


def test_revoking_another_users_key_does_nothing(client: Client) -> None:
    owner = UserFactory.create()
    new = api_key_create(user=owner, name="mine")
    client.force_login(UserFactory.create())
    client.post(reverse("accounts:api_key_revoke", args=[new.key.pk]))
    new.key.refresh_from_db()
    assert new.key.revoked_at is None
