"""Session 22: the rows of moderation/data/registry_extra/studios.csv (studios, game makers and brands named as users
type them, status "studio"; seventeenth rule of the model card) for a database seeded before them; the same step as
0014 and 0017: rows that no entry of the same name has join with the source "atelier" (an opt-out or a staff entry
of that name is kept as it is). A fresh database gets them from artists.csv in 0002."""

from django.db import migrations

from moderation.migrations._registry import add_list_rows


def apply(apps, schema_editor):
    add_list_rows(apps)


class Migration(migrations.Migration):
    dependencies = [("moderation", "0017_registry_prompted")]
    operations = [migrations.RunPython(apply, migrations.RunPython.noop)]
