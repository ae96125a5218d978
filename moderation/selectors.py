"""Reads for the moderation dashboard: the review queue, filtered decisions, a user's history, charts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone

from chatsite.accounts.models import User
from moderation.models import Action, AuditEntry, Decision, OptOutRequest, OptOutStatus, Stage


@dataclass(frozen=True)
class QueueItem:
    image: Any  # imaging.models.Image
    decision: Decision | None


def review_queue(*, limit: int = 100) -> list[QueueItem]:
    """Withheld images, oldest first, each with the decision that withheld it (matched by SHA-256)."""
    image_model = apps.get_model("imaging", "Image")
    images = list(image_model.objects.filter(moderation_state="withheld").select_related("owner")
                  .order_by("created_at")[:limit])
    decisions = {d.image_sha256: d for d in Decision.objects.filter(
        stage=Stage.OUTPUT_IMAGE, image_sha256__in=[i.sha256 for i in images]).order_by("created_at")}
    return [QueueItem(image=i, decision=decisions.get(i.sha256)) for i in images]


def image_for_staff(*, image_id: str) -> Any | None:
    image_model = apps.get_model("imaging", "Image")
    return image_model.objects.filter(pk=image_id).first()


@dataclass(frozen=True)
class DecisionFilter:
    category: str = ""
    stage: str = ""
    action: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    user_id: int | None = None


def decision_list(*, filters: DecisionFilter) -> QuerySet[Decision]:
    qs = Decision.objects.select_related("user")
    if filters.category:
        qs = qs.filter(category=filters.category)
    if filters.stage:
        qs = qs.filter(stage=filters.stage)
    if filters.action:
        qs = qs.filter(action=filters.action)
    if filters.date_from:
        qs = qs.filter(created_at__date__gte=filters.date_from)
    if filters.date_to:
        qs = qs.filter(created_at__date__lte=filters.date_to)
    if filters.user_id:
        qs = qs.filter(user_id=filters.user_id)
    return qs.order_by("-created_at", "-pk")


def user_history(*, user: User, limit: int = 200) -> dict[str, Any]:
    decisions = Decision.objects.filter(user=user).order_by("-created_at", "-pk")
    return {
        "decisions": list(decisions[:limit]),
        "refusals": decisions.exclude(action=Action.ALLOWED).count(),
        "total": decisions.count(),
        "audit": list(AuditEntry.objects.filter(target_user=user).select_related("actor")[:limit]),
    }


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    percent: int  # of the largest value in the chart, for CSS widths


def _bars(pairs: list[tuple[str, int]]) -> list[Bar]:
    top = max((v for _, v in pairs), default=0) or 1
    return [Bar(label=label, value=value, percent=round(100 * value / top)) for label, value in pairs]


def dashboard_stats(*, days: int = 14) -> dict[str, Any]:
    """Charts: images checked per day (generated), refusals per category, users with the most refusals."""
    since = timezone.now() - dt.timedelta(days=days)
    today = timezone.now().date()
    per_day = dict(
        Decision.objects.filter(stage=Stage.OUTPUT_IMAGE, created_at__gte=since)
        .annotate(day=TruncDate("created_at")).values("day").annotate(n=Count("pk")).values_list("day", "n")
    )
    day_list = [today - dt.timedelta(days=i) for i in range(days - 1, -1, -1)]
    refused = Decision.objects.filter(created_at__gte=since).exclude(action=Action.ALLOWED)
    by_category = list(refused.values("category").annotate(n=Count("pk")).order_by("-n", "category")
                       .values_list("category", "n"))
    top_users = list(
        User.objects.annotate(n=Count("moderation_decisions", filter=Q(
            moderation_decisions__created_at__gte=since) & ~Q(moderation_decisions__action=Action.ALLOWED)))
        .filter(n__gt=0).order_by("-n", "email").values_list("pk", "email", "n")[:10]
    )
    return {
        "days": days,
        "images_per_day": _bars([(d.isoformat(), per_day.get(d, 0)) for d in day_list]),
        "refusals_per_category": _bars([(c or "-", n) for c, n in by_category]),
        "top_users": [{"id": pk, "bar": b} for (pk, _e, _n), b in zip(top_users, _bars(
            [(e, n) for _pk, e, n in top_users]), strict=True)],
        "pending_opt_outs": OptOutRequest.objects.filter(status=OptOutStatus.PENDING).count(),
        "withheld": apps.get_model("imaging", "Image").objects.filter(moderation_state="withheld").count(),
    }


def opt_out_list() -> QuerySet[OptOutRequest]:
    return OptOutRequest.objects.select_related("decided_by", "artist").order_by("status", "-created_at")


def audit_list() -> QuerySet[AuditEntry]:
    return AuditEntry.objects.select_related("actor", "target_user")


CSV_HEADER = ["id", "created_at", "user", "stage", "action", "category", "categories", "text", "image_sha256",
              "scores", "versions", "review"]


def decision_csv_rows(*, filters: DecisionFilter) -> Any:
    """Rows for the CSV export, streamed in chunks."""
    import json

    for d in decision_list(filters=filters).iterator(chunk_size=1000):
        yield [d.pk, d.created_at.isoformat(), d.user.email if d.user else "", d.stage, d.action, d.category,
               " ".join(d.categories), d.text, d.image_sha256, json.dumps(d.scores, sort_keys=True),
               json.dumps(d.versions, sort_keys=True), d.review]
