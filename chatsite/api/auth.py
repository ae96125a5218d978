"""Bearer API keys: `Authorization: Bearer <key>` names the key's owner. Only keys: a session cookie never
authenticates an API call (and so the API needs no CSRF protection)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja.security import HttpBearer

from chatsite.accounts.models import User
from chatsite.accounts.selectors import user_get_by_api_key

MAX_KEY_LENGTH = 200


class ApiKeyAuth(HttpBearer):
    """The active owner of a live (not revoked) key; None otherwise, which the API answers with a 401 in
    OpenAI's shape (`invalid_api_key`)."""

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        token = token.strip()
        if not token or len(token) > MAX_KEY_LENGTH:
            return None
        return user_get_by_api_key(raw_key=token)


def api_user(request: HttpRequest) -> User:
    """The authenticated key owner of an API request (typed)."""
    user = getattr(request, "auth", None)
    if not isinstance(user, User):  # only reachable if an endpoint forgot its auth
        raise RuntimeError("API endpoint called without an authenticated key")
    return user
