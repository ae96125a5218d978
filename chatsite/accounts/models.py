"""Accounts, plans (the tiers that set image quotas) and API keys."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ImageSize(models.IntegerChoices):
    """Square output sizes, in pixels a side, as the OpenAI images API names them."""

    S256 = 256, "256×256"
    S512 = 512, "512×512"
    S1024 = 1024, "1024×1024"


class Plan(models.Model):
    """A tier of service. Seeded with `free` and `paid` by a migration; staff edit the limits."""

    slug = models.SlugField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=64)
    images_per_day = models.PositiveIntegerField(_("images per day"))
    max_size = models.PositiveIntegerField(_("largest size"), choices=ImageSize.choices)
    max_images_per_request = models.PositiveSmallIntegerField(_("most images per request"))
    queue_priority = models.PositiveSmallIntegerField(
        _("queue priority"), help_text=_("0 to 9; higher is served first when the GPUs are busy.")
    )
    max_concurrent_jobs = models.PositiveSmallIntegerField(_("most jobs at once"))
    is_default = models.BooleanField(_("default for new accounts"), default=False)

    class Meta:
        ordering = ["queue_priority", "slug"]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"], condition=models.Q(is_default=True), name="plan_single_default"
            ),
            models.CheckConstraint(
                condition=models.Q(max_images_per_request__gte=1, max_images_per_request__lte=10),
                name="plan_images_per_request_1_to_10",
            ),
            models.CheckConstraint(condition=models.Q(queue_priority__lte=9), name="plan_priority_0_to_9"),
            models.CheckConstraint(condition=models.Q(max_concurrent_jobs__gte=1), name="plan_concurrency_positive"),
            models.CheckConstraint(condition=models.Q(max_size__in=[256, 512, 1024]), name="plan_max_size_known"),
        ]

    def __str__(self) -> str:
        return str(self.name)


def default_plan_id() -> int:
    """The plan new accounts get (the one marked default: `free` after the seed migration)."""
    return Plan.objects.only("pk").get(is_default=True).pk


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """An account, identified by its email address (stored lower-case, unique)."""

    email = models.EmailField(_("email"), max_length=254, unique=True)
    plan = models.ForeignKey(
        Plan, on_delete=models.PROTECT, related_name="users", verbose_name=_("plan")
    )
    time_zone = models.CharField(_("time zone"), max_length=64, default="UTC")
    # A new time zone takes effect when the current quota day ends, so changing it never starts a new
    # day (and a fresh allowance) early.
    time_zone_next = models.CharField(max_length=64, blank=True)
    time_zone_switch_at = models.DateTimeField(null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("staff"), default=False)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_ci_unique")]

    def __str__(self) -> str:
        return str(self.email)

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Every account has a plan: new ones get the default plan however they are created
        # (sign-up, admin, createsuperuser, create_account).
        if self.plan_id is None:
            self.plan_id = default_plan_id()
        super().save(*args, **kwargs)


class ApiKey(models.Model):
    """A secret for the OpenAI-compatible API. Only its SHA-256 is stored; the key is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_keys")
    name = models.CharField(_("name"), max_length=64)
    prefix = models.CharField(_("prefix"), max_length=16, help_text=_("The start of the key, to recognise it."))
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class DailyUsage(models.Model):
    """Images reserved by a user on one quota day (midnight to midnight in the user's time zone)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="daily_usage")
    day = models.DateField()
    used = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="daily_usage_user_day_unique")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.day}: {self.used}"


class ImagePrice(models.Model):
    """What one image of a size costs, for the usage ledger (DALL-E 2 API prices by default)."""

    size = models.PositiveIntegerField(_("size"), unique=True, help_text=_("Pixels a side."))
    usd = models.DecimalField(_("price in USD"), max_digits=8, decimal_places=4)

    class Meta:
        ordering = ["size"]
        verbose_name = _("image price")
        verbose_name_plural = _("image prices")

    def __str__(self) -> str:
        return f"{self.size}px: ${self.usd}"


class UsageEntry(models.Model):
    """One line of the usage ledger: the images a finished job delivered and what they cost then."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="usage_entries")
    job_id = models.UUIDField(unique=True, help_text=_("The image job; one entry per job."))
    day = models.DateField(help_text=_("The quota day the images were charged to."))
    size = models.PositiveIntegerField()
    images = models.PositiveSmallIntegerField()
    unit_usd = models.DecimalField(max_digits=8, decimal_places=4)
    cost_usd = models.DecimalField(max_digits=10, decimal_places=4)
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "-created_at"], name="usage_user_recent")]
        verbose_name = _("usage entry")
        verbose_name_plural = _("usage ledger")

    def __str__(self) -> str:
        return f"{self.user_id} {self.images}x{self.size}px ${self.cost_usd}"
