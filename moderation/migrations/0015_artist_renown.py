"""Session 21: an artist's renown (2 named in image prompts by SupaGruen's list, 1 in a list by field, 0 other),
which decides a bare surname that several entries share ("Murakami style"), read from artists.csv by name; and
the rows of the lists by field added since 0014, for a database seeded before them (an entry of the same name,
such as an opt-out or a staff entry, is kept as it is)."""

import csv
import uuid
from pathlib import Path

from django.db import migrations, models

SEED = Path(__file__).resolve().parents[1] / "data" / "artists.csv"


def apply(apps, schema_editor):
    Artist = apps.get_model("moderation", "Artist")
    if not Artist.objects.filter(source__in=["supagruen", "moma"]).exists():
        return  # not seeded (0002 seeds the whole file)
    with SEED.open(encoding="utf-8") as fh:
        seed = list(csv.DictReader(fh))
    renown = {r["name"].casefold(): int(r["renown"]) for r in seed}
    changed = []
    for artist in Artist.objects.only("pk", "name", "renown").iterator(chunk_size=5000):
        value = renown.get(artist.name.casefold(), 0)
        if value != artist.renown:
            artist.renown = value
            changed.append(artist)
    Artist.objects.bulk_update(changed, ["renown"], batch_size=2000)
    existing = {name.casefold() for name in Artist.objects.values_list("name", flat=True)}
    new = [Artist(name=r["name"], born=int(r["born"]) if r["born"] else None,
                  died=int(r["died"]) if r["died"] else None, status=r["status"], source=r["source"],
                  renown=int(r["renown"]))
           for r in seed if r["source"] == "atelier" and r["name"].casefold() not in existing]
    Artist.objects.bulk_create(new, batch_size=2000)
    if changed or new:
        # bulk_update and bulk_create send no signal: a new token makes running processes compile the registry again.
        apps.get_model("moderation", "RulesVersion").objects.filter(pk=1).update(artists_token=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [("moderation", "0014_registry_extra")]
    operations = [
        migrations.AddField(
            model_name="artist", name="renown",
            field=models.PositiveSmallIntegerField(
                choices=[(0, "other"), (1, "in a list by field"), (2, "named in image prompts (SupaGruen's list)")],
                default=0, help_text="Decides a bare surname that several artists share: only the most renowned of "
                                     "them count.", verbose_name="renown")),
        migrations.RunPython(apply, migrations.RunPython.noop),
    ]
