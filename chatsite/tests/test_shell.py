"""The page shell: navigation by role, language choice, error pages."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from chatsite.accounts.models import User

pytestmark = pytest.mark.django_db


def test_navigation_shows_moderation_to_staff_only(client: Client, user: User, staff_user: User) -> None:
    client.force_login(user)
    html = client.get(reverse("conversations:chat")).content.decode()
    assert reverse("imaging:gallery") in html and reverse("accounts:account") in html
    assert reverse("moderation:dashboard") not in html
    client.force_login(staff_user)
    assert reverse("moderation:dashboard") in client.get(reverse("conversations:chat")).content.decode()


def test_the_language_follows_the_browser(client: Client) -> None:
    html = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9").content.decode()
    assert '<html lang="fr">' in html
    assert "Se connecter" in html and "Mot de passe" in html and "Adresse e-mail" in html


def test_the_language_can_be_switched(client: Client) -> None:
    client.post(reverse("set_language"), {"language": "fr", "next": "/"})
    assert "Créer un compte" in client.get(reverse("accounts:signup")).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "Create your account" in client.get(reverse("accounts:signup")).content.decode()


def test_the_chat_composer_is_translated(client: Client, user: User) -> None:
    client.force_login(user)
    html = client.get(reverse("conversations:chat"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert '<label for="message-input">Message</label>' in html
    assert ">Envoyer</button>" in html


def test_the_root_redirects_to_the_chat(client: Client) -> None:
    assert client.get("/")["Location"] == reverse("conversations:chat")


def test_an_unknown_page_is_a_friendly_404(client: Client) -> None:
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert b"There is nothing at this address." in response.content
