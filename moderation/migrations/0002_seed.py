"""Seed the term list (moderation/data/default_terms.json, written for Atelier) and the artist registry
(moderation/data/artists.csv, built from MoMA's CC0 artist table and SupaGruen's MIT list by
moderation/training/build_artist_seed.py)."""

import csv
import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parents[1] / "data"


def seed(apps, schema_editor):
    Term = apps.get_model("moderation", "Term")
    Artist = apps.get_model("moderation", "Artist")
    RulesVersion = apps.get_model("moderation", "RulesVersion")
    terms = json.loads((DATA / "default_terms.json").read_text(encoding="utf-8"))
    Term.objects.bulk_create([Term(term=t["term"], category=t["category"]) for t in terms], ignore_conflicts=True)
    with (DATA / "artists.csv").open(encoding="utf-8") as fh:
        rows = [
            Artist(name=r["name"], born=int(r["born"]) if r["born"] else None,
                   died=int(r["died"]) if r["died"] else None, status=r["status"], source=r["source"])
            for r in csv.DictReader(fh)
        ]
    Artist.objects.bulk_create(rows, batch_size=2000)
    RulesVersion.objects.get_or_create(pk=1)


def unseed(apps, schema_editor):
    apps.get_model("moderation", "Term").objects.all().delete()
    apps.get_model("moderation", "Artist").objects.filter(source__in=["supagruen", "moma"]).delete()


class Migration(migrations.Migration):
    dependencies = [("moderation", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
