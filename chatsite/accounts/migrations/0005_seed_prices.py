"""Seed per-size image prices like the DALL-E 2 API's. Staff edit them in the admin."""

from decimal import Decimal

from django.db import migrations

PRICES = {256: Decimal("0.016"), 512: Decimal("0.018"), 1024: Decimal("0.020")}


def seed(apps, schema_editor):
    ImagePrice = apps.get_model("accounts", "ImagePrice")
    for size, usd in PRICES.items():
        ImagePrice.objects.update_or_create(size=size, defaults={"usd": usd})


class Migration(migrations.Migration):
    dependencies = [("accounts", "0004_ledger_and_time_zone_switch")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
