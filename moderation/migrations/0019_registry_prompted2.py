"""Session 25: the living rows of moderation/data/registry_pending/prompted2.csv (a second list of artists named in
image prompts, session 22), as moderation/data/registry_extra/prompted2_living.csv (the model card's eighteenth
rule), for a database seeded before them; the same step as 0014, 0017 and 0018: rows that no entry of the same name
has join with the source "atelier" (an opt-out or a staff entry of that name is kept as it is). A fresh database
gets them from artists.csv in 0002."""

from django.db import migrations

from moderation.migrations._registry import add_list_rows


def apply(apps, schema_editor):
    add_list_rows(apps)


class Migration(migrations.Migration):
    dependencies = [("moderation", "0018_registry_studios")]
    operations = [migrations.RunPython(apply, migrations.RunPython.noop)]
