"""The API base: bearer keys (never sessions), OpenAI's error shape, 400 for invalid input, CSRF exemption."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from chatsite.accounts.models import User
from chatsite.accounts.services import api_key_create, api_key_revoke, user_suspend
from chatsite.api.errors import duration_text

pytestmark = pytest.mark.django_db


def error_of(response: object) -> dict[str, object]:
    body = json.loads(response.content)  # type: ignore[attr-defined]
    assert set(body) == {"error"}
    assert set(body["error"]) == {"message", "type", "param", "code"}
    assert body["error"]["message"]
    return dict(body["error"])


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def test_a_live_key_authenticates_its_owner(client: Client, user: User) -> None:
    key = api_key_create(user=user, name="test").raw
    response = client.get("/v1/models", headers=bearer(key))
    assert response.status_code == 200
    assert response.json()["object"] == "list"
    user.api_keys.get().refresh_from_db()
    assert user.api_keys.get().last_used_at is not None


def test_a_missing_key_is_a_401_in_openai_shape(client: Client, user: User) -> None:
    response = client.get("/v1/models")
    assert response.status_code == 401
    error = error_of(response)
    assert error["type"] == "invalid_request_error"
    assert error["code"] == "invalid_api_key"
    assert "Bearer" in str(error["message"])


@pytest.mark.parametrize("header", ["Bearer atl_not-a-key", "Bearer ", "Basic dXNlcjpwYXNz", "atl_bare",
                                    "Bearer " + "x" * 5000])
def test_a_bad_key_is_a_401(client: Client, user: User, header: str) -> None:
    api_key_create(user=user, name="real")
    response = client.get("/v1/models", headers={"Authorization": header})
    assert response.status_code == 401
    assert error_of(response)["code"] == "invalid_api_key"


def test_a_revoked_key_is_refused(client: Client, user: User) -> None:
    new = api_key_create(user=user, name="old")
    assert api_key_revoke(user=user, key_id=new.key.pk)
    response = client.get("/v1/models", headers=bearer(new.raw))
    assert response.status_code == 401


def test_a_key_of_an_inactive_user_is_refused(client: Client, user: User) -> None:
    key = api_key_create(user=user, name="k").raw
    User.objects.filter(pk=user.pk).update(is_active=False)
    assert client.get("/v1/models", headers=bearer(key)).status_code == 401


def test_a_suspended_user_key_is_refused(client: Client, user: User, staff_user: User) -> None:
    key = api_key_create(user=user, name="k").raw
    user_suspend(user=user, by=staff_user)
    assert client.get("/v1/models", headers=bearer(key)).status_code == 401


def test_a_session_cookie_does_not_authenticate(client: Client, user: User) -> None:
    client.force_login(user)
    response = client.get("/v1/models")
    assert response.status_code == 401
    assert error_of(response)["code"] == "invalid_api_key"


def test_posts_need_no_csrf_token(user: User) -> None:
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(user)
    key = api_key_create(user=user, name="k").raw
    response = csrf_client.post("/v1/chat/completions", data="{}", content_type="application/json", headers=bearer(key))
    assert response.status_code != 403


def test_the_chat_slot_is_registered_and_authenticated(client: Client, user: User) -> None:
    assert client.post("/v1/chat/completions", data="{}", content_type="application/json").status_code == 401


def test_an_unknown_endpoint_is_a_404_in_openai_shape(client: Client) -> None:
    response = client.get("/v1/no/such/thing")
    assert response.status_code == 404
    assert error_of(response)["code"] == "unknown_url"


def test_an_unknown_model_is_a_404(client: Client, user: User) -> None:
    key = api_key_create(user=user, name="k").raw
    response = client.get("/v1/models/gpt-99", headers=bearer(key))
    assert response.status_code == 404
    assert error_of(response)["code"] == "model_not_found"


def test_the_openapi_document_is_public_and_describes_the_api(client: Client) -> None:
    response = client.get("/v1/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.")
    assert "/v1/models" in document["paths"]
    assert "/v1/chat/completions" in document["paths"]
    assert document["components"]["securitySchemes"]["ApiKeyAuth"] == {"type": "http", "scheme": "bearer"}


def test_the_explorer_page_is_served(client: Client) -> None:
    response = client.get("/v1/explorer")
    assert response.status_code == 200
    assert b"openapi.json" in response.content


@pytest.mark.parametrize(("seconds", "text"), [(0.2, "1s"), (59, "59s"), (61, "1m1s"), (3600 * 5 + 7, "5h0m7s")])
def test_reset_durations_use_openai_format(seconds: float, text: str) -> None:
    assert duration_text(seconds) == text


def test_a_multipart_body_without_boundary_is_a_400(client: Client, user: User) -> None:
    key = api_key_create(user=user, name="k").raw
    response = client.post("/v1/images/variations", data=b"x", content_type="multipart/form-data",
                           headers=bearer(key))
    assert response.status_code == 400
    assert error_of(response)["type"] == "invalid_request_error"


@pytest.mark.parametrize(("language", "heading", "chat_heading"), [
    ("en", "Developer API", "Chat completions with Python"),
    ("fr", "API pour les développeurs", "Complétions de chat avec Python"),
])
def test_the_documentation_page_has_examples_in_the_visitors_language(client: Client, language: str,
                                                                       heading: str, chat_heading: str) -> None:
    response = client.get("/v1/docs", headers={"Accept-Language": language})
    assert response.status_code == 200
    content = response.content.decode()
    assert f"<h1>{heading}</h1>" in content
    assert 'OpenAI(base_url="http://testserver/v1"' in content
    assert "curl http://testserver/v1/images/generations" in content
    assert "curl http://testserver/v1/chat/completions" in content
    # The chat example (run as written by test_chat_completions) is code: the same in both languages.
    assert f'<h2 id="chat-h">{chat_heading}</h2>' in content
    assert 'model="atelier-chat"' in content and 'stream_options={"include_usage": True}' in content
    # How to confirm consent for a photo of a real person.
    assert '<h2 id="faces-h">' in content and "-F face_consent=true" in content
    assert 'extra_body={"face_consent": True}' in content


def test_the_account_page_links_to_the_documentation(client: Client, user: User) -> None:
    client.force_login(user)
    assert 'href="/v1/docs"' in client.get("/account/").content.decode()
