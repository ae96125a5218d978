"""Reads of accounts, plans and API keys."""

from __future__ import annotations

import hashlib

from django.db.models import QuerySet
from django.utils import timezone

from chatsite.accounts.models import ApiKey, Plan, User


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
