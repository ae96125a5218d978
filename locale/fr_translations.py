"""Fill locale/fr/LC_MESSAGES/django.po from this table after `makemessages -l fr`.

Run: python locale/fr_translations.py && python manage.py compilemessages -l fr
Entries missing here stay empty, and chatsite/tests/test_i18n.py fails until they are translated.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

FR = {
    "Move selected users to the %(plan)s plan": "Passer les utilisateurs choisis à l’offre %(plan)s",
    "%(n)d users moved.": "%(n)d utilisateurs déplacés.",
    "Plan": "Offre",
    "Permissions": "Autorisations",
    "Dates": "Dates",
    "Accounts and plans": "Comptes et offres",
    "Email": "Adresse e-mail",
    "Password": "Mot de passe",
    "Time zone": "Fuseau horaire",
    "Key name": "Nom de la clé",
    "code": "code",
    "name": "nom",
    "images per day": "images par jour",
    "largest size": "plus grande taille",
    "most images per request": "images au plus par demande",
    "queue priority": "priorité dans la file",
    "0 to 9; higher is served first when the GPUs are busy.":
        "De 0 à 9 ; la plus haute est servie en premier quand les GPU sont occupés.",
    "most jobs at once": "tâches simultanées au plus",
    "default for new accounts": "par défaut pour les nouveaux comptes",
    "plan": "offre",
    "plans": "offres",
    "email": "adresse e-mail",
    "time zone": "fuseau horaire",
    "active": "actif",
    "staff": "équipe",
    "date joined": "date d’inscription",
    "user": "utilisateur",
    "users": "utilisateurs",
    "prefix": "préfixe",
    "The start of the key, to recognise it.": "Le début de la clé, pour la reconnaître.",
    "API key": "Clé d’API",
    "API keys": "Clés d’API",
    "There is no plan called “%(slug)s”.": "Il n’existe pas d’offre « %(slug)s ».",
    "An account with this email already exists.": "Un compte existe déjà avec cette adresse e-mail.",
    "Your time zone is saved.": "Votre fuseau horaire est enregistré.",
    "Give the key a name of at most 64 characters.": "Donnez à la clé un nom de 64 caractères au plus.",
    "The key is revoked.": "La clé est révoquée.",
    "There is no such key.": "Cette clé n’existe pas.",
    "English": "Anglais",
    "French": "Français",
    "Conversations": "Conversations",
    "title": "titre",
    "New conversation": "Nouvelle conversation",
    "assistant": "assistant",
    "tool": "outil",
    "system": "système",
    "A message must be text.": "Un message doit être du texte.",
    "The message is empty.": "Le message est vide.",
    "The message is too long: %(n)d characters, at most %(max)d.":
        "Le message est trop long : %(n)d caractères, %(max)d au plus.",
    "Images": "Images",
    "Moderation": "Modération",
    "Not allowed": "Accès refusé",
    "You do not have access to this page.": "Vous n’avez pas accès à cette page.",
    "Not found": "Page introuvable",
    "There is nothing at this address.": "Il n’y a rien à cette adresse.",
    "Account and usage": "Compte et utilisation",
    "Your account": "Votre compte",
    "Change password": "Changer de mot de passe",
    "Your plan": "Votre offre",
    "Images per day": "Images par jour",
    "Largest size": "Plus grande taille",
    "Most images per request": "Images au plus par demande",
    "Most jobs at once": "Tâches simultanées au plus",
    "Your daily image allowance resets at midnight in this time zone.":
        "Votre quota d’images quotidien repart à zéro à minuit dans ce fuseau horaire.",
    "Save": "Enregistrer",
    "Your new key. Copy it now: it will not be shown again.":
        "Votre nouvelle clé. Copiez-la maintenant : elle ne sera plus affichée.",
    "Your API keys": "Vos clés d’API",
    "Name": "Nom",
    "Key": "Clé",
    "Created": "Créée le",
    "Last used": "Dernière utilisation",
    "Actions": "Actions",
    "never": "jamais",
    "Revoke key %(name)s": "Révoquer la clé %(name)s",
    "Revoke": "Révoquer",
    "revoked": "révoquée",
    "Create a key": "Créer une clé",
    "Log in": "Se connecter",
    "New to Atelier?": "Nouveau sur Atelier ?",
    "Create an account": "Créer un compte",
    "Password changed": "Mot de passe changé",
    "Your password is changed.": "Votre mot de passe est changé.",
    "Back to your account": "Retour à votre compte",
    "Sign up": "Créer un compte",
    "Create your account": "Créez votre compte",
    "Already have an account?": "Vous avez déjà un compte ?",
    "Skip to content": "Aller au contenu",
    "Main": "Principale",
    "Chat": "Discussion",
    "Gallery": "Galerie",
    "Log out": "Se déconnecter",
    "Language": "Langue",
    "Change language": "Changer de langue",
    "No conversations yet.": "Aucune conversation pour l’instant.",
    "Options": "Options",
    "Title": "Titre",
    "Rename": "Renommer",
    "Delete conversation": "Supprimer la conversation",
    "What shall we make today?": "Que créons-nous aujourd’hui ?",
    "Chat history": "Historique de la discussion",
    "Message": "Message",
    "Ask for a picture, or just chat…": "Demandez une image, ou discutez simplement…",
    "Send": "Envoyer",
    "Connection lost. Reconnecting…": "Connexion perdue. Reconnexion…",
    "Requirements": "Exigences",
    "Your images will appear here once you ask for a picture in the chat.":
        "Vos images apparaîtront ici dès que vous demanderez une image dans la discussion.",
    "Go to the chat": "Aller à la discussion",
    "The review queue is empty.": "La file de vérification est vide.",
    "Open the admin to edit plans and accounts": "Ouvrir l’administration pour modifier les offres et les comptes",
}

PO = Path(__file__).resolve().parent / "fr" / "LC_MESSAGES" / "django.po"


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def _replacement(text: str, *, keep_group: bool = False) -> Callable[[re.Match[str]], str]:
    def replace(match: re.Match[str]) -> str:
        return (match.group(1) if keep_group else "") + text

    return replace


def main() -> None:
    po = PO.read_text(encoding="utf-8")
    for source, target in FR.items():
        pattern = re.compile(r'(msgid "' + re.escape(_escape(source)) + r'"\n)msgstr ""\n')
        po = pattern.sub(_replacement(f'msgstr "{_escape(target)}"\n', keep_group=True), po)
    headers = {
        "Project-Id-Version": "Atelier",
        "PO-Revision-Date": "2026-11-22 00:00+0000",
        "Last-Translator": "Atelier team",
        "Language-Team": "French",
        "Language": "fr",
    }
    for field, value in headers.items():
        po = re.sub(rf'"{field}: [^"]*\\n"', _replacement(f'"{field}: {value}\\n"'), po)
    po = po.replace("#, fuzzy\nmsgid \"\"", "msgid \"\"", 1)
    PO.write_text(po, encoding="utf-8")


if __name__ == "__main__":
    main()
