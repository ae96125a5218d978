"""Session 17: eleven English terms that name a crime as a topic ("counterfeit money", "card skimmer", "human
trafficking", ...) refused every prompt that names it to fight it: "a museum exhibit on the history of counterfeit
money", "how to spot a card skimmer", a book cover for an investigation into human trafficking. The classifier
refuses the evaluation sets' requests that contain them without the terms, and allows more of those prompts (see
the model card, "Session 17, the term list"). Drug names, forged papers ("fake id"), bombs and child trafficking
stay, and so do the French terms, which no evaluation set has measured. A fresh database no longer gets the terms
from default_terms.json in 0002; this removes them from a database seeded before, only where still as seeded
(same category, no language, no note), so a staff edit is kept."""

import uuid

from django.db import migrations

TOPICS = ["counterfeit money", "counterfeit bills", "card skimm*", "money laundering", "shoplifting", "burglary",
          "armed robbery", "bank robbery", "carjacking", "human trafficking", "drug trafficking"]


def remove(apps, schema_editor):
    Term = apps.get_model("moderation", "Term")
    removed, _ = Term.objects.filter(term__in=TOPICS, category="illegal", language="", note="").delete()
    if removed:
        # delete() through a queryset sends no signal: a new token makes running processes compile the list again.
        apps.get_model("moderation", "RulesVersion").objects.filter(pk=1).update(terms_token=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [("moderation", "0006_poaching_term")]
    operations = [migrations.RunPython(remove, migrations.RunPython.noop)]
