"""Steps the registry's data migrations share (the leading underscore keeps Django's loader from reading this as a
migration). Each takes the historical `apps`, as RunPython passes it."""

import csv
import uuid
from pathlib import Path

SEED = Path(__file__).resolve().parents[1] / "data" / "artists.csv"


def renew_artists_token(apps):
    """update() and bulk_create send no signal: a new token makes running processes compile the registry again."""
    apps.get_model("moderation", "RulesVersion").objects.filter(pk=1).update(artists_token=uuid.uuid4())


def record_deaths(apps, deaths):
    """Give each named artist its death year, where the row is still as seeded (from the source lists, no death
    year), so a staff edit is kept and an opt-out stays refused."""
    Artist = apps.get_model("moderation", "Artist")
    changed = 0
    for name, died in deaths.items():
        changed += Artist.objects.filter(name=name, source__in=["supagruen", "moma"], died__isnull=True).exclude(
            status="deceased").update(died=died, status="deceased")
    if changed:
        renew_artists_token(apps)


def add_list_rows(apps):
    """Add the seed's "atelier" rows (the hand-written lists) that a database seeded before them lacks, where no entry
    has the same name (an opt-out or a staff entry of that name is kept as it is)."""
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
        renew_artists_token(apps)
