from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction

from chatsite.accounts.models import DailyUsage, User
from chatsite.accounts.quotas import QuotaExceeded, quota_day, quota_refund, quota_reserve, quota_status

pytestmark = pytest.mark.django_db


def reserve(user: User, n: int, now: dt.datetime | None = None) -> dt.date:
    with transaction.atomic():
        return quota_reserve(user=user, n=n, now=now)


def test_a_free_user_gets_three_images_a_day(user: User) -> None:
    for _ in range(3):
        reserve(user, 1)
    with pytest.raises(QuotaExceeded) as refused:
        reserve(user, 1)
    assert refused.value.remaining == 0
    assert quota_status(user=user).used == 3


def test_a_request_larger_than_what_is_left_is_refused_whole(user: User) -> None:
    reserve(user, 2)
    with pytest.raises(QuotaExceeded):
        reserve(user, 2)
    assert quota_status(user=user).remaining == 1


def test_a_refund_gives_images_back_and_never_goes_below_zero(user: User) -> None:
    day = reserve(user, 2)
    quota_refund(user=user, day=day, n=2)
    quota_refund(user=user, day=day, n=2)
    assert DailyUsage.objects.get(user=user, day=day).used == 0


@pytest.mark.django_db(transaction=True)
def test_reserving_outside_a_transaction_is_a_programming_error(user: User) -> None:
    with pytest.raises(RuntimeError):
        quota_reserve(user=user, n=1)


def test_the_day_resets_at_midnight_in_the_users_time_zone(user: User) -> None:
    user.time_zone = "Europe/Paris"
    now = dt.datetime(2026, 11, 22, 22, 30, tzinfo=dt.UTC)  # 23:30 in Paris
    day, resets_at = quota_day(user=user, now=now)
    assert day == dt.date(2026, 11, 22)
    assert resets_at == dt.datetime(2026, 11, 22, 23, 0, tzinfo=dt.UTC)
