"""Reads of accounts, plans and API keys."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, QuerySet, Sum
from django.utils import timezone

from chatsite.accounts.models import ApiKey, Plan, UsageEntry, User


def plan_list() -> QuerySet[Plan]:
    return Plan.objects.all()


def user_get_by_email(*, email: str) -> User | None:
    return User.objects.select_related("plan").filter(email__iexact=email.strip()).first()


def api_key_list_for_user(*, user: User) -> QuerySet[ApiKey]:
    return ApiKey.objects.filter(user=user)


def api_key_hash(raw_key: str) -> str:
    return hashlib.sha256(raw_key.encode()).hexdigest()


def user_get_by_api_key(*, raw_key: str) -> User | None:
    """The active owner of a live key, or None. Records when the key was last used."""
    key = (
        ApiKey.objects.select_related("user", "user__plan")
        .filter(key_hash=api_key_hash(raw_key), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if key is None:
        return None
    ApiKey.objects.filter(pk=key.pk).update(last_used_at=timezone.now())
    return key.user


@dataclass(frozen=True)
class UsageSummary:
    entries: list[UsageEntry]
    month_images: int
    month_cost_usd: Decimal


def usage_summary(*, user: User, recent: int = 20) -> UsageSummary:
    """The user's latest ledger lines and this calendar month's totals (UTC)."""
    start = timezone.now().replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    totals = UsageEntry.objects.filter(user=user, created_at__gte=start).aggregate(
        images=Sum("images"), cost=Sum("cost_usd"), jobs=Count("id")
    )
    return UsageSummary(
        entries=list(UsageEntry.objects.filter(user=user)[:recent]),
        month_images=totals["images"] or 0,
        month_cost_usd=totals["cost"] or Decimal(0),
    )
