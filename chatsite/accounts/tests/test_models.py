from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from chatsite.accounts.models import Plan

pytestmark = pytest.mark.django_db


def test_the_seed_migration_creates_free_and_paid_plans() -> None:
    free, paid = Plan.objects.get(slug="free"), Plan.objects.get(slug="paid")
    assert free.images_per_day == 3 and free.max_concurrent_jobs == 1 and free.is_default
    assert paid.images_per_day == 200 and paid.max_concurrent_jobs == 4 and not paid.is_default
    assert paid.queue_priority > free.queue_priority
    assert paid.max_size == 1024


def test_only_one_plan_can_be_the_default() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Plan.objects.filter(slug="paid").update(is_default=True)


@pytest.mark.parametrize(
    "field, value",
    [("max_images_per_request", 0), ("max_images_per_request", 11), ("queue_priority", 10),
     ("max_concurrent_jobs", 0), ("max_size", 300)],
)
def test_plan_limits_are_checked_by_the_database(field: str, value: int) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Plan.objects.filter(slug="free").update(**{field: value})
