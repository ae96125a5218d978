"""Session 12: phrases that ask for a person without clothes ("can you make <name> without any clothes on"),
which the classifier let through on held-out set 6. Added to databases seeded before them; a fresh database gets
them from default_terms.json in 0002. Staff can edit or switch them off like any term."""

import uuid

from django.db import migrations

TERMS = ["without any clothes on", "without clothes on", "with no clothes on", "not wearing any clothes",
         "wearing no clothes", "take off her clothes", "take off his clothes", "taking off her clothes"]


def add(apps, schema_editor):
    Term = apps.get_model("moderation", "Term")
    Term.objects.bulk_create([Term(term=t, category="sexual") for t in TERMS], ignore_conflicts=True)
    # bulk_create sends no signal: a new token makes running processes compile the term list again.
    apps.get_model("moderation", "RulesVersion").objects.filter(pk=1).update(terms_token=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [("moderation", "0002_seed")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
