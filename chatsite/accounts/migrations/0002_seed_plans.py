"""Seed the two plans. Staff edit their limits afterwards in the admin."""

from django.db import migrations

PLANS = [
    {
        "slug": "free",
        "name": "Free",
        "images_per_day": 3,
        "max_size": 512,
        "max_images_per_request": 2,
        "queue_priority": 1,
        "max_concurrent_jobs": 1,
        "is_default": True,
    },
    {
        "slug": "paid",
        "name": "Paid",
        "images_per_day": 200,
        "max_size": 1024,
        "max_images_per_request": 4,
        "queue_priority": 5,
        "max_concurrent_jobs": 4,
        "is_default": False,
    },
]


def seed(apps, schema_editor):
    Plan = apps.get_model("accounts", "Plan")
    for values in PLANS:
        Plan.objects.update_or_create(slug=values["slug"], defaults=values)


def unseed(apps, schema_editor):
    apps.get_model("accounts", "Plan").objects.filter(slug__in=[p["slug"] for p in PLANS], users__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
