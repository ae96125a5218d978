"""Session 19: the French words for children join the minors rule ("enfant", "fillette", "collégienne", "gamine",
"bébé", ...). The rule refuses a prompt as sexual content involving minors when it names a minor and has a sexual
signal; without these words, "une collégienne en sous-vêtements" and "une gamine en culotte" were allowed, and
French sexual prompts naming a child were refused only as adult sexual content. Session 13 left them out because
the English model, which then read French prompts, made the rule refuse ordinary French scenes with a child; a first
rule this session failed the same way through the French model's low P(sexual). They ship with the second rule's
change to the minors rule (moderation/services/checks.py: for a prompt the French model reads, P(sexual) alone is
no sexual signal); its measurement is in the model card ("Session 19, the French words for children").

Words that mean something else in English ("ado", "gamine", "bébé" as a name) apply to prompts that are not clearly
in another language. A fresh database gets the terms from default_terms.json in 0002, which does not read their
language: this sets it there, and adds the terms to a database seeded before. A term already on the list (a staff
edit) is left as it is."""

import uuid

from django.db import migrations

# The terms as of this migration (default_terms.json lists them too, for 0002 on a fresh database).
TERMS = {"enfant": "", "enfants": "", "fillette*": "", "petite fille": "", "petites filles": "",
         "petit garçon": "", "petits garçons": "", "jeune fille": "", "jeunes filles": "", "jeune garçon": "",
         "jeunes garçons": "", "mineur": "", "mineure": "", "mineurs": "", "mineures": "", "adolescent*": "",
         "ado": "fr", "ados": "fr", "préado*": "", "collégien*": "", "lycéen*": "", "écolier*": "", "gamin*": "fr",
         "bébé": "fr", "bébés": "fr", "nourrisson*": "", "bambin*": "", "neveu": "", "neveux": ""}


def apply(apps, schema_editor):
    Term = apps.get_model("moderation", "Term")
    existing = set(Term.objects.filter(term__in=TERMS, category="minors").values_list("term", flat=True))
    Term.objects.bulk_create([Term(term=term, category="minors", language=language)
                              for term, language in TERMS.items() if term not in existing], ignore_conflicts=True)
    for term, language in TERMS.items():
        if language:  # as 0002 seeds it on a fresh database: no language, no note
            Term.objects.filter(term=term, category="minors", language="", note="").update(language=language)
    # bulk_create and update send no signal: a new token makes running processes compile the list again.
    apps.get_model("moderation", "RulesVersion").objects.filter(pk=1).update(terms_token=uuid.uuid4())


def revert(apps, schema_editor):
    apps.get_model("moderation", "Term").objects.filter(term__in=TERMS, category="minors", note="").delete()
    apps.get_model("moderation", "RulesVersion").objects.filter(pk=1).update(terms_token=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [("moderation", "0011_registry_deaths_1943_1950")]
    operations = [migrations.RunPython(apply, revert)]
