from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from chatsite.accounts.errors import EmailTaken, UnknownPlan
from chatsite.accounts.models import ApiKey, Plan, User
from chatsite.accounts.selectors import user_get_by_api_key
from chatsite.accounts.services import (
    api_key_create,
    api_key_revoke,
    user_create,
    user_set_plan,
    user_upsert,
)
from chatsite.accounts.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_new_accounts_get_the_free_plan() -> None:
    user = user_create(email="Ada@Example.com", password=PASSWORD)
    assert user.plan.slug == "free"
    assert user.email == "ada@example.com"
    assert user.check_password(PASSWORD)


def test_every_way_of_creating_a_user_sets_a_plan() -> None:
    admin = User.objects.create_superuser("root@example.com", PASSWORD)
    assert User.objects.get(pk=admin.pk).plan.slug == "free"


def test_user_create_refuses_a_taken_email_in_any_case() -> None:
    user_create(email="ada@example.com", password=PASSWORD)
    with pytest.raises(EmailTaken):
        user_create(email="ADA@example.com", password=PASSWORD)
    assert User.objects.count() == 1


def test_user_create_refuses_a_weak_password_and_stores_nothing() -> None:
    with pytest.raises(ValidationError):
        user_create(email="ada@example.com", password="123")
    assert not User.objects.exists()


def test_user_create_with_an_unknown_plan_is_refused() -> None:
    with pytest.raises(UnknownPlan):
        user_create(email="ada@example.com", password=PASSWORD, plan_slug="platinum")
    assert not User.objects.exists()


def test_user_upsert_updates_the_existing_account() -> None:
    user = UserFactory.create()
    updated, created = user_upsert(email=user.email.upper(), password="another-long-passphrase", plan_slug="paid",
                                   is_staff=True)
    assert not created
    assert updated.pk == user.pk
    user.refresh_from_db()
    assert user.plan.slug == "paid"
    assert user.is_staff
    assert user.check_password("another-long-passphrase")


def test_staff_can_move_a_user_to_another_plan() -> None:
    user = UserFactory.create()
    user_set_plan(user=user, plan=Plan.objects.get(slug="paid"))
    assert User.objects.get(pk=user.pk).plan.slug == "paid"


def test_api_keys_are_stored_only_as_a_hash() -> None:
    user = UserFactory.create()
    new = api_key_create(user=user, name="laptop")
    stored = ApiKey.objects.get(pk=new.key.pk)
    assert new.raw.startswith("atl_")
    assert new.raw not in (stored.key_hash, stored.prefix)
    assert len(stored.key_hash) == 64
    assert user_get_by_api_key(raw_key=new.raw) == user
    assert user_get_by_api_key(raw_key=new.raw + "x") is None


def test_a_revoked_key_no_longer_authenticates() -> None:
    user = UserFactory.create()
    new = api_key_create(user=user, name="ci")
    assert api_key_revoke(user=user, key_id=new.key.pk)
    assert user_get_by_api_key(raw_key=new.raw) is None


def test_a_user_cannot_revoke_another_users_key() -> None:
    owner, intruder = UserFactory.create(), UserFactory.create()
    new = api_key_create(user=owner, name="ci")
    assert not api_key_revoke(user=intruder, key_id=new.key.pk)
    assert user_get_by_api_key(raw_key=new.raw) == owner
