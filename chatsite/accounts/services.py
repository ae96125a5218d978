"""Writes and workflows of accounts: sign-up, plan changes, API keys."""

from __future__ import annotations

import datetime as dt
import secrets
import uuid
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.password_validation import validate_password
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chatsite.accounts.errors import EmailTaken, UnknownPlan
from chatsite.accounts.models import ApiKey, ImagePrice, Plan, UsageEntry, User
from chatsite.accounts.selectors import api_key_hash

API_KEY_PREFIX = "atl_"


@dataclass(frozen=True)
class NewApiKey:
    """A freshly created key: `raw` is shown to its owner once and never stored."""

    key: ApiKey
    raw: str


def _plan_by_slug(slug: str) -> Plan:
    try:
        return Plan.objects.get(slug=slug)
    except Plan.DoesNotExist:
        raise UnknownPlan(_("There is no plan called “%(slug)s”.") % {"slug": slug}) from None


@transaction.atomic
def user_create(*, email: str, password: str, plan_slug: str | None = None, is_staff: bool = False) -> User:
    """Create an account. New accounts get the default plan (free) unless another is named."""
    email = User.objects.normalize_email(email.strip()).lower()
    if User.objects.filter(email__iexact=email).exists():
        raise EmailTaken(_("An account with this email already exists."))
    user = User(email=email, is_staff=is_staff)
    if plan_slug is not None:
        user.plan = _plan_by_slug(plan_slug)
    validate_password(password, user)
    user.set_password(password)
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:  # a concurrent sign-up with the same address won the race
        raise EmailTaken(_("An account with this email already exists.")) from None
    return user


@transaction.atomic
def user_upsert(
    *, email: str, password: str, plan_slug: str | None = None, is_staff: bool | None = None
) -> tuple[User, bool]:
    """Create the account or update the existing one (password, plan, staff flag). Returns (user, created)."""
    existing = User.objects.select_for_update().filter(email__iexact=email.strip()).first()
    if existing is None:
        return user_create(email=email, password=password, plan_slug=plan_slug, is_staff=bool(is_staff)), True
    validate_password(password, existing)
    fields = ["password"]
    existing.set_password(password)
    if plan_slug is not None:
        existing.plan = _plan_by_slug(plan_slug)
        fields.append("plan")
    if is_staff is not None:
        existing.is_staff = is_staff
        fields.append("is_staff")
    existing.save(update_fields=fields)
    return existing, False


@transaction.atomic
def user_set_plan(*, user: User, plan: Plan) -> User:
    """Move an account to another plan (staff action). Takes effect for the next request."""
    User.objects.filter(pk=user.pk).update(plan=plan)
    user.plan = plan
    return user


@transaction.atomic
def user_set_time_zone(*, user: User, time_zone: str) -> dt.datetime:
    """Change the account's time zone; quota days follow it from the end of the current day.
    Returns when the change takes effect."""
    from chatsite.accounts.quotas import time_zone_change

    locked = User.objects.select_for_update().get(pk=user.pk)
    takes_effect = time_zone_change(user=locked, time_zone=time_zone)
    locked.save(update_fields=["time_zone", "time_zone_next", "time_zone_switch_at"])
    user.time_zone, user.time_zone_next = locked.time_zone, locked.time_zone_next
    user.time_zone_switch_at = locked.time_zone_switch_at
    return takes_effect


@transaction.atomic
def usage_record(*, user: User, job_id: uuid.UUID, day: dt.date, size: int, images: int) -> UsageEntry | None:
    """Write the ledger line of a finished job (idempotent: one line per job; none for zero images)."""
    if images < 1:
        return None
    price = ImagePrice.objects.filter(size__gte=size).order_by("size").first() or ImagePrice.objects.last()
    unit = price.usd if price else Decimal(0)
    entry, _created = UsageEntry.objects.get_or_create(
        job_id=job_id,
        defaults={"user": user, "day": day, "size": size, "images": images, "unit_usd": unit,
                  "cost_usd": unit * images, "plan_id": user.plan_id},
    )
    return entry


@transaction.atomic
def api_key_create(*, user: User, name: str) -> NewApiKey:
    raw = API_KEY_PREFIX + secrets.token_urlsafe(32)
    key = ApiKey.objects.create(
        user=user, name=name.strip()[:64] or "default", prefix=raw[:12], key_hash=api_key_hash(raw)
    )
    return NewApiKey(key=key, raw=raw)


@transaction.atomic
def api_key_revoke(*, user: User, key_id: int) -> bool:
    """Revoke one of the user's own keys. Returns False when the user has no such live key."""
    return bool(
        ApiKey.objects.filter(pk=key_id, user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())
    )


@transaction.atomic
def user_suspend(*, user: User, by: User) -> User:
    """Suspend an account (staff action): it can no longer log in, its sessions stop authenticating
    (Django refuses inactive users) and its API keys are revoked. `by` is the staff member, for the
    caller's audit record."""
    User.objects.filter(pk=user.pk).update(is_active=False)
    ApiKey.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())
    user.is_active = False
    return user


@transaction.atomic
def user_reinstate(*, user: User, by: User) -> User:
    """Lift a suspension. Revoked API keys stay revoked; the user creates new ones."""
    User.objects.filter(pk=user.pk).update(is_active=True)
    user.is_active = True
    return user
