"""Per-user daily image quotas: reserve when a job is created, refund when it fails.

Callers hold the transaction: `quota_reserve` must run inside the same `transaction.atomic` block that
creates the job, so a rolled-back job never keeps its reservation. Refunding exactly once is the
caller's duty: refund in the transaction that moves the job (row locked) into failed, cancelled or
blocked, and only from a state that held a reservation.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.db import transaction
from django.db.models import F, Subquery
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.translation import gettext as _

from chatsite.accounts.errors import AccountError
from chatsite.accounts.models import DailyUsage, User


class QuotaExceeded(AccountError):
    """The request would pass the plan's images per day. Carries when the allowance resets."""

    code = "quota_exceeded"

    def __init__(self, message: str, *, resets_at: dt.datetime, remaining: int) -> None:
        super().__init__(message)
        self.resets_at = resets_at
        self.remaining = remaining


@dataclass(frozen=True)
class QuotaStatus:
    limit: int
    used: int
    day: dt.date
    resets_at: dt.datetime

    @property
    def remaining(self) -> int:
        return max(self.limit - self.used, 0)


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def effective_time_zone(*, user: User, now: dt.datetime | None = None) -> str:
    """The zone quota days follow now: a pending change applies once the day it was made in has ended."""
    if user.time_zone_next and user.time_zone_switch_at and (now or timezone.now()) >= user.time_zone_switch_at:
        return user.time_zone_next
    return user.time_zone


def _next_midnight(local: dt.datetime) -> dt.datetime:
    """The first instant of the next local day, as aware UTC (robust to daylight-saving changes)."""
    zone = local.tzinfo
    naive = dt.datetime.combine(local.date() + dt.timedelta(days=1), dt.time(0))
    return naive.replace(tzinfo=zone).astimezone(dt.UTC)


def quota_day(*, user: User, now: dt.datetime | None = None) -> tuple[dt.date, dt.datetime]:
    """The user's current quota day and the aware UTC instant it ends (midnight in their zone)."""
    now = now or timezone.now()
    local = now.astimezone(_zone(effective_time_zone(user=user, now=now)))
    return local.date(), _next_midnight(local)


def time_zone_change(*, user: User, time_zone: str, now: dt.datetime | None = None) -> dt.datetime:
    """Schedule a new time zone for quota days; returns when it takes effect (the current day's end).

    Must be called inside a transaction holding the user row. Displays may use the new zone at once;
    only the quota day boundary waits, so that a change never hands out a new day's images early.
    """
    now = now or timezone.now()
    current = effective_time_zone(user=user, now=now)
    if user.time_zone_next and user.time_zone_switch_at and now >= user.time_zone_switch_at:
        user.time_zone = user.time_zone_next  # the earlier change has taken effect: make it permanent
    _, switch_at = quota_day(user=user, now=now)
    if time_zone == current:
        user.time_zone, user.time_zone_next, user.time_zone_switch_at = current, "", None
        return now
    user.time_zone = current
    user.time_zone_next, user.time_zone_switch_at = time_zone, switch_at
    return switch_at


def quota_status(*, user: User, now: dt.datetime | None = None) -> QuotaStatus:
    day, resets_at = quota_day(user=user, now=now)
    used = DailyUsage.objects.filter(user=user, day=day).values_list("used", flat=True).first() or 0
    return QuotaStatus(limit=user.plan.images_per_day, used=used, day=day, resets_at=resets_at)


def quota_reserve(*, user: User, n: int, now: dt.datetime | None = None) -> dt.date:
    """Take `n` images from today's allowance in one conditional UPDATE; returns the day charged.

    Concurrent callers (threads, web processes, API and chat) can never pass the limit: the UPDATE's
    WHERE clause re-checks the count under the row lock the database takes for it.
    """
    if n < 1:
        raise ValueError("n must be at least 1")
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("quota_reserve must run inside the job's transaction")
    day, resets_at = quota_day(user=user, now=now)
    # Two statements: create the day's row if missing (no error, no savepoint when it exists), then
    # one conditional UPDATE that re-reads the plan's limit under the row lock the database takes.
    DailyUsage.objects.bulk_create([DailyUsage(user=user, day=day)], ignore_conflicts=True)
    limit = Subquery(User.objects.filter(pk=user.pk).values("plan__images_per_day")[:1])
    granted = DailyUsage.objects.filter(user=user, day=day, used__lte=limit - n).update(used=F("used") + n)
    if not granted:
        used = DailyUsage.objects.filter(user=user, day=day).values_list("used", flat=True).first() or 0
        plan_limit = User.objects.filter(pk=user.pk).values_list("plan__images_per_day", flat=True).get()
        raise QuotaExceeded(
            _("You have used your %(limit)d images for today.") % {"limit": plan_limit},
            resets_at=resets_at,
            remaining=max(plan_limit - used, 0),
        )
    return day


def quota_refund(*, user: User, day: dt.date, n: int) -> None:
    """Give `n` images back to the day they were charged to (never below zero)."""
    DailyUsage.objects.filter(user=user, day=day).update(used=Greatest(F("used") - n, 0))
