"""Session 13: a term may be limited to one language, and the term list gains French terms.

"son" (a minor in English) is "his" or "her" in French ("un chasseur et son chien"): it now applies to prompts
that are not clearly French. "infant*" also matched "infantry" and "infanterie": it becomes "infant" and
"infants". The French terms are the English list's kinds in French (default_terms.json has them too, so a fresh
database gets them from 0002), except the French words for children: with a classifier that reads French at
random they made the minors rule refuse ordinary French scenes with a child (see the model card). Staff can edit
or switch them off like any term.
"""

import json
import uuid
from pathlib import Path

from django.db import migrations, models

DATA = Path(__file__).resolve().parents[1] / "data"
FIRST_FRENCH = "à poil"  # default_terms.json lists the French terms from here on


def french_terms() -> list[dict[str, str]]:
    terms = json.loads((DATA / "default_terms.json").read_text(encoding="utf-8"))
    start = next(i for i, t in enumerate(terms) if t["term"] == FIRST_FRENCH)
    return terms[start:]


def apply(apps, schema_editor):
    Term = apps.get_model("moderation", "Term")
    Term.objects.filter(term="son", category="minors").update(language="en")
    if Term.objects.filter(term="infant*", category="minors").exists():
        Term.objects.filter(term="infant*", category="minors").delete()
        Term.objects.bulk_create([Term(term="infant", category="minors"), Term(term="infants", category="minors")],
                                 ignore_conflicts=True)
    Term.objects.bulk_create([Term(term=t["term"], category=t["category"], language=t.get("language", ""))
                              for t in french_terms()], ignore_conflicts=True)
    # bulk_create and update send no signal: a new token makes running processes compile the term list again.
    apps.get_model("moderation", "RulesVersion").objects.filter(pk=1).update(terms_token=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [("moderation", "0003_clothing_terms")]
    operations = [
        migrations.AddField(
            model_name="term", name="language",
            field=models.CharField(blank=True, choices=[("en", "English"), ("fr", "French")], default="",
                                   help_text="Leave empty for every prompt. A language limits the term to prompts "
                                             "in that language, for a word that is harmless in the other one "
                                             "(\"son\" is a child in English, \"his\" in French).",
                                   max_length=2, verbose_name="language")),
        migrations.RunPython(apply, migrations.RunPython.noop),
    ]
