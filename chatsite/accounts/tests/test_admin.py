from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from chatsite.accounts.models import Plan, User
from chatsite.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_staff_moves_users_to_the_paid_plan_with_an_admin_action(client: Client) -> None:
    admin = UserFactory.create(is_staff=True, is_superuser=True)
    users = [UserFactory.create(), UserFactory.create()]
    client.force_login(admin)
    response = client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "move_to_paid", "_selected_action": [u.pk for u in users]},
    )
    assert response.status_code == 302
    assert set(User.objects.filter(plan__slug="paid").values_list("pk", flat=True)) == {u.pk for u in users}


def test_staff_edits_a_plans_daily_images(client: Client) -> None:
    client.force_login(UserFactory.create(is_staff=True, is_superuser=True))
    free = Plan.objects.get(slug="free")
    url = reverse("admin:accounts_plan_change", args=[free.pk])
    form = {
        "slug": "free", "name": "Free", "images_per_day": 5, "max_size": 512, "max_images_per_request": 2,
        "queue_priority": 1, "max_concurrent_jobs": 1, "is_default": "on",
    }
    assert client.post(url, form).status_code == 302
    free.refresh_from_db()
    assert free.images_per_day == 5


def test_non_staff_cannot_open_the_admin(client: Client) -> None:
    client.force_login(UserFactory.create())
    response = client.get(reverse("admin:accounts_plan_changelist"))
    assert response.status_code == 302 and "login" in response["Location"]
