"""Session 21: the rows of moderation/data/registry_extra/prompted.csv (artists named in image-generator prompts,
thirteenth rule of the model card) for a database seeded before it; the same step as 0014: artists that neither
source list names join with the source "atelier" where no entry has the same name (an opt-out or a staff entry of
that name is kept as it is). A fresh database gets them from artists.csv in 0002."""

import csv
import uuid
from pathlib import Path

from django.db import migrations

SEED = Path(__file__).resolve().parents[1] / "data" / "artists.csv"


def apply(apps, schema_editor):
    Artist = apps.get_model("moderation", "Artist")
    if not Artist.objects.filter(source__in=["supagruen", "moma"]).exists():
        return  # not seeded (0002 seeds the whole file)
    existing = {name.casefold() for name in Artist.objects.values_list("name", flat=True)}
    with SEED.open(encoding="utf-8") as fh:
        new = [Artist(name=r["name"], born=int(r["born"]) if r["born"] else None,
                      died=int(r["died"]) if r["died"] else None, status=r["status"], source=r["source"])
               for r in csv.DictReader(fh) if r["source"] == "atelier" and r["name"].casefold() not in existing]
    Artist.objects.bulk_create(new, batch_size=2000)
    if new:
        # bulk_create sends no signal: a new token makes running processes compile the registry again.
        apps.get_model("moderation", "RulesVersion").objects.filter(pk=1).update(artists_token=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [("moderation", "0016_artist_studio_status")]
    operations = [migrations.RunPython(apply, migrations.RunPython.noop)]
