"""Session 13: a term may be limited to one language, and the term list gains French terms.

"son" (a minor in English) is "his" or "her" in French ("un chasseur et son chien"): it now applies to prompts
that are not clearly French. "infant*" also matched "infantry" and "infanterie": it becomes "infant" and
"infants". The French terms are the English list's kinds in French (default_terms.json has them too, so a fresh
database gets them from 0002), except the French words for children: with a classifier that reads French at
random they made the minors rule refuse ordinary French scenes with a child (see the model card). Staff can edit
or switch them off like any term.
"""

import uuid

from django.db import migrations, models

# The French terms as of this migration (default_terms.json lists them too, for 0002 on a fresh database).
TERMS = {
    "sexual": ["à poil", "toute nue", "toutes nues", "tout nu", "tous nus", "femme nue", "femmes nues", "homme nu",
        "hommes nus", "fille nue", "filles nues", "nu intégral", "nue intégrale", "seins nus", "sextape*",
        "partouze*", "fellation*", "sodomi*", "éjacul*", "masturbe*", "levrette", "nichons", "tétons",
        "scène de sexe", "sexe explicite", "faire l'amour", "fait l'amour", "font l'amour", "faisant l'amour",
        "cul nu", "sans culotte"],
    "violence": ["décapit*", "égorg*", "démembr*", "éviscér*", "bain de sang", "tuerie de masse", "tête coupée",
        "têtes coupées", "gorge tranchée", "lynchage", "lynché", "lynchée"],
    "self_harm": ["me suicider", "se suicider", "suicidaire*", "automutil*", "me scarifier", "se scarifier",
        "m'ouvrir les veines", "s'ouvrir les veines", "me taillader les veines", "me pendre"],
    "illegal": ["faux passeport*", "fausse carte d'identité", "fausses cartes d'identité", "faux papiers",
        "faux billets", "fausse monnaie", "trafic de drogue", "blanchiment d'argent", "cambriolage*",
        "braquage de banque", "vol à main armée", "vol à l'étalage", "braconnage", "trafic d'êtres humains",
        "traite des êtres humains"],
    "hate": ["purification ethnique", "race supérieure", "mort aux juifs", "mort aux arabes", "mort aux noirs"],
}


def french_terms() -> list[dict[str, str]]:
    return [{"term": term, "category": category} for category, terms in TERMS.items() for term in terms]


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
