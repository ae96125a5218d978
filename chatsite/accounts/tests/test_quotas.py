from __future__ import annotations

import datetime as dt

import pytest
import time_machine
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


@pytest.mark.django_db(transaction=True)
def test_forty_concurrent_requests_get_exactly_the_three_images_left(user: User) -> None:
    import threading

    from django.db import connection

    barrier = threading.Barrier(40)
    granted: list[bool] = []
    lock = threading.Lock()

    def attempt() -> None:
        try:
            barrier.wait()
            try:
                with transaction.atomic():
                    quota_reserve(user=user, n=1)
                ok = True
            except QuotaExceeded:
                ok = False
            with lock:
                granted.append(ok)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt) for _ in range(40)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(granted) == 40
    assert granted.count(True) == 3
    assert DailyUsage.objects.get(user=user).used == 3


def test_changing_the_time_zone_does_not_start_a_new_day_early(user: User) -> None:
    from chatsite.accounts.services import user_set_time_zone

    # 23:30 in UTC: the day is spent. In Tokyo it is already 08:30 the next day.
    with time_machine.travel(dt.datetime(2026, 11, 22, 23, 30, tzinfo=dt.UTC), tick=False):
        for _ in range(3):
            reserve(user, 1)
        takes_effect = user_set_time_zone(user=user, time_zone="Asia/Tokyo")
        assert takes_effect == dt.datetime(2026, 11, 23, 0, 0, tzinfo=dt.UTC)
        with pytest.raises(QuotaExceeded):
            reserve(User.objects.get(pk=user.pk), 1)
    # From the end of the UTC day, days follow Tokyo: the next reset is Tokyo's midnight.
    with time_machine.travel(dt.datetime(2026, 11, 23, 0, 5, tzinfo=dt.UTC), tick=False):
        fresh = User.objects.get(pk=user.pk)
        reserve(fresh, 1)
        status = quota_status(user=fresh)
        assert status.day == dt.date(2026, 11, 23) and status.used == 1
        assert status.resets_at == dt.datetime(2026, 11, 23, 15, 0, tzinfo=dt.UTC)


def test_the_allowance_comes_back_after_midnight(user: User) -> None:
    user.time_zone = "Europe/Paris"
    user.save(update_fields=["time_zone"])
    with time_machine.travel(dt.datetime(2026, 11, 22, 22, 59, tzinfo=dt.UTC), tick=False):  # 23:59 Paris
        for _ in range(3):
            reserve(user, 1)
        with pytest.raises(QuotaExceeded):
            reserve(user, 1)
    with time_machine.travel(dt.datetime(2026, 11, 22, 23, 0, tzinfo=dt.UTC), tick=False):  # 00:00 Paris
        reserve(user, 3)
        assert quota_status(user=user).used == 3


@pytest.mark.parametrize(
    "now, day, resets_at",
    [
        # Spring forward in Paris (2026-03-29, 02:00 -> 03:00): a 23-hour day.
        (dt.datetime(2026, 3, 28, 23, 30, tzinfo=dt.UTC), dt.date(2026, 3, 29),
         dt.datetime(2026, 3, 29, 22, 0, tzinfo=dt.UTC)),
        # Fall back (2026-10-25, 03:00 -> 02:00): a 25-hour day.
        (dt.datetime(2026, 10, 24, 22, 30, tzinfo=dt.UTC), dt.date(2026, 10, 25),
         dt.datetime(2026, 10, 25, 23, 0, tzinfo=dt.UTC)),
    ],
)
def test_quota_days_follow_daylight_saving_changes(user: User, now: dt.datetime, day: dt.date,
                                                   resets_at: dt.datetime) -> None:
    user.time_zone = "Europe/Paris"
    with time_machine.travel(now, tick=False):
        assert quota_day(user=user) == (day, resets_at)
        reserve(user, 3)
    with time_machine.travel(resets_at - dt.timedelta(seconds=1), tick=False):
        with pytest.raises(QuotaExceeded):
            reserve(user, 1)
    with time_machine.travel(resets_at, tick=False):
        reserve(user, 1)


def test_the_ledger_records_a_job_once_at_the_price_of_its_size(user: User) -> None:
    import uuid
    from decimal import Decimal

    from chatsite.accounts.models import UsageEntry
    from chatsite.accounts.services import usage_record

    job_id = uuid.uuid4()
    for _ in range(2):
        usage_record(user=user, job_id=job_id, day=dt.date(2026, 11, 22), size=512, images=2)
    entry = UsageEntry.objects.get()
    assert (entry.unit_usd, entry.cost_usd, entry.plan_id) == (Decimal("0.018"), Decimal("0.036"), user.plan_id)
