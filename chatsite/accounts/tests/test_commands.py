from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from chatsite.accounts.models import User
from chatsite.accounts.selectors import user_get_by_api_key
from chatsite.accounts.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("create_account", *args, stdout=out)
    return out.getvalue()


def test_create_account_prints_a_working_api_key_on_its_last_line() -> None:
    output = run("dev@example.com", "--password", PASSWORD, "--plan", "paid", "--api-key")
    key = output.strip().splitlines()[-1]
    user = User.objects.get(email="dev@example.com")
    assert user.plan.slug == "paid"
    assert user_get_by_api_key(raw_key=key) == user
    assert key not in user.api_keys.get().key_hash


def test_create_account_updates_an_existing_account() -> None:
    run("dev@example.com", "--password", PASSWORD)
    run("dev@example.com", "--password", "a-second-passphrase", "--staff")
    user = User.objects.get()
    assert user.is_staff and user.plan.slug == "free"
    assert user.check_password("a-second-passphrase")


def test_create_account_refuses_a_weak_password() -> None:
    with pytest.raises(CommandError, match="too short"):
        run("dev@example.com", "--password", "abc")
    assert not User.objects.exists()


def test_create_account_refuses_an_unknown_plan() -> None:
    with pytest.raises(CommandError):
        run("dev@example.com", "--password", PASSWORD, "--plan", "gold")


def test_demo_accounts_are_created_once() -> None:
    first, second = StringIO(), StringIO()
    call_command("ensure_demo_accounts", stdout=first)
    call_command("ensure_demo_accounts", stdout=second)
    assert first.getvalue().count("password:") == 2
    assert "password:" not in second.getvalue()
    assert User.objects.get(email="staff@atelier.local").is_staff
    assert not User.objects.get(email="demo@atelier.local").is_staff
