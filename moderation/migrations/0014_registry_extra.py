"""Session 20: artists that neither source list names, from the hand-written lists of moderation/data/registry_extra/
(built into artists.csv with the source "atelier" by moderation/training/build_artist_seed.py). A fresh database
gets them from artists.csv in 0002; this adds them to a database seeded before, where no entry has the same name
(an opt-out or a staff entry of that name is kept as it is)."""

from django.db import migrations

from moderation.migrations._registry import add_list_rows


def apply(apps, schema_editor):
    add_list_rows(apps)


def unapply(apps, schema_editor):
    apps.get_model("moderation", "Artist").objects.filter(source="atelier").delete()


class Migration(migrations.Migration):
    dependencies = [("moderation", "0013_registry_deaths_1951_1960")]
    operations = [migrations.RunPython(apply, unapply)]
