"""Session 16: the term "poaching" refused "a chef poaching eggs in a copper pan" and "a recruiter poaching staff
from a rival startup" as illegal activity, and an anti-poaching campaign poster. Wildlife poaching is left to
the classifier, which refuses the known sets' poaching prompts without the term (see the model card); the
French "braconnage" has no kitchen sense and stays. A fresh database no longer gets the term from
default_terms.json in 0002; this removes it from a database seeded before, only if it is still as seeded (same
category, no language, no note), so a staff edit is kept."""

import uuid

from django.db import migrations


def remove(apps, schema_editor):
    Term = apps.get_model("moderation", "Term")
    removed, _ = Term.objects.filter(term="poaching", category="illegal", language="", note="").delete()
    if removed:
        # delete() through a queryset sends no signal: a new token makes running processes compile the list again.
        apps.get_model("moderation", "RulesVersion").objects.filter(pk=1).update(terms_token=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [("moderation", "0005_artist_deaths")]
    operations = [migrations.RunPython(remove, migrations.RunPython.noop)]
