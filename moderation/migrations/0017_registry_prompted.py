"""Session 21: the rows of moderation/data/registry_extra/prompted.csv (artists named in image-generator prompts,
thirteenth rule of the model card) for a database seeded before it; the same step as 0014: artists that neither
source list names join with the source "atelier" where no entry has the same name (an opt-out or a staff entry of
that name is kept as it is). A fresh database gets them from artists.csv in 0002."""

from django.db import migrations

from moderation.migrations._registry import add_list_rows


def apply(apps, schema_editor):
    add_list_rows(apps)


class Migration(migrations.Migration):
    dependencies = [("moderation", "0016_artist_studio_status")]
    operations = [migrations.RunPython(apply, migrations.RunPython.noop)]
