"""Writes and workflows of accounts: sign-up, plan changes, API keys."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.contrib.auth.password_validation import validate_password
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chatsite.accounts.errors import EmailTaken, UnknownPlan
from chatsite.accounts.models import ApiKey, Plan, User
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
def user_set_time_zone(*, user: User, time_zone: str) -> User:
    user.time_zone = time_zone
    user.save(update_fields=["time_zone"])
    return user


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
