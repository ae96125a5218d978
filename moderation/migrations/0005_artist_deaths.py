"""Session 15: eleven artists the registry's seed listed as living (or unknown) died before the seed was
built; their styles are allowed under the policy. Two deaths are in MoMA's table but not in SupaGruen's older
list, whose dates used to win; nine are in neither list under their name (moderation/data/artist_deaths.csv).
A fresh database gets them from artists.csv in 0002; this updates a database seeded before. Only rows still as
seeded (from the lists, no death year) change, so a staff edit is kept; an opt-out (policy "always refuse")
stays refused."""

from django.db import migrations

from moderation.migrations._registry import record_deaths

DEATHS = {
    "Frank Auerbach": 2024, "Faith Ringgold": 2024,  # in MoMA's table
    "Akira Toriyama": 2024, "Trina Robbins": 2024, "Arata Isozaki": 2022, "Ricardo Bofill": 2022,
    "Vivienne Westwood": 2022, "Rafael Viñoly": 2023, "Françoise Gilot": 2023, "Alessandro Mendini": 2019,
    "Botero": 2023,  # Fernando Botero, under his surname in SupaGruen's list
}


def apply(apps, schema_editor):
    record_deaths(apps, DEATHS)


class Migration(migrations.Migration):
    dependencies = [("moderation", "0004_term_language")]
    operations = [migrations.RunPython(apply, migrations.RunPython.noop)]
