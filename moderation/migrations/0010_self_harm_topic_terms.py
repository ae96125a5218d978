"""Session 18: five English terms that name self-harm as a topic ("suicide", "suicidal", "self harm", "self harming",
"self injury") refused every prevention, support and recovery prompt that names it ("suicide prevention hotline
poster"). Measured on a self-harm set written blind (moderation/data/selfharm1.csv; see the model card, "Session
18, the term list"): without them 8 of its 120 benign rows are refused instead of 22, and 50 of its 80 self-harm
requests instead of 52; no other evaluation figure moves. The method and slang phrases ("kill myself", the wrist
phrases, "thinspo*", "pro ana", "kys") and the French terms stay. A fresh database no longer gets the five from
default_terms.json in 0002; this removes them from a database seeded before, only where still as seeded (same
category, no language, no note), so a staff edit is kept."""

import uuid

from django.db import migrations

TOPICS = ["suicide", "suicidal", "self harm", "self harming", "self injury"]


def remove(apps, schema_editor):
    Term = apps.get_model("moderation", "Term")
    removed, _ = Term.objects.filter(term__in=TOPICS, category="self_harm", language="", note="").delete()
    if removed:
        # delete() through a queryset sends no signal: a new token makes running processes compile the list again.
        apps.get_model("moderation", "RulesVersion").objects.filter(pk=1).update(terms_token=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [("moderation", "0009_registry_deaths_2026")]
    operations = [migrations.RunPython(remove, migrations.RunPython.noop)]
