"""Session 21: the status "studio" (a studio, firm or group, whose style the policy allows), given by
build_artist_seed to MoMA entries whose biography dates them by their founding ("NIKE", "founded 1964"; "Valve",
"est. 1996"), which the age rule had made living. A fresh database gets them from artists.csv in 0002; this updates a
database seeded before: only rows still as seeded (from MoMA, living or unknown, no death year) change, so a staff
edit is kept, and an opt-out (policy "block") still refuses. The 8 firms MoMA gives an end date stay "deceased"
there (a fresh database has them as "studio"): both allow. Reversed, every studio becomes "unknown", which allows
too."""

import csv

from django.db import migrations, models

from moderation.migrations._registry import SEED, renew_artists_token


def apply(apps, schema_editor):
    Artist = apps.get_model("moderation", "Artist")
    with SEED.open(encoding="utf-8") as fh:
        studios = [r["name"] for r in csv.DictReader(fh) if r["status"] == "studio"]
    changed = 0
    for start in range(0, len(studios), 500):  # SQLite's limit on a query's parameters
        changed += Artist.objects.filter(name__in=studios[start:start + 500], source="moma", died__isnull=True,
                                         status__in=["living", "unknown"]).update(status="studio")
    if changed:
        renew_artists_token(apps)


def unapply(apps, schema_editor):
    apps.get_model("moderation", "Artist").objects.filter(status="studio").update(status="unknown")


class Migration(migrations.Migration):
    dependencies = [("moderation", "0015_registry_deaths_1961_1980")]
    operations = [
        migrations.AlterField(
            model_name="artist", name="status",
            field=models.CharField(choices=[("living", "living"), ("deceased", "deceased"), ("unknown", "unknown"),
                                            ("studio", "studio, firm or group")],
                                   max_length=16, verbose_name="status")),
        migrations.RunPython(apply, unapply),
    ]
