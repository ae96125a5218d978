"""Session 17: four artists MoMA's table (2026) still lists with no end date died before it was published; their
styles are allowed under the policy (moderation/data/artist_deaths.csv): Fumihiko Maki (2024), Frank O. Gehry
(2025), Paco Rabanne (2023) and Andrea Branzi (2023). A fresh database gets them from artists.csv in 0002; this
updates a database seeded before, as 0005 did: only rows still as seeded (from the lists, no death year) change,
so a staff edit is kept and an opt-out stays refused."""

from django.db import migrations

from moderation.migrations._registry import record_deaths

DEATHS = {"Fumihiko Maki": 2024, "Frank O. Gehry": 2025, "Paco Rabanne": 2023, "Andrea Branzi": 2023}


def apply(apps, schema_editor):
    record_deaths(apps, DEATHS)


class Migration(migrations.Migration):
    dependencies = [("moderation", "0007_crime_topic_terms")]
    operations = [migrations.RunPython(apply, migrations.RunPython.noop)]
