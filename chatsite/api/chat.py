"""POST /v1/chat/completions. Owned by the completions engineer (issue #8): this is only the slot the API
base registers (`router`, mounted at /v1/chat by chatsite/api/urls.py, bearer-authenticated like the rest).

Available from the base: `chatsite.api.auth.api_user(request)` (the key's owner), `chatsite.api.errors.ApiError`
(raise it for any error in OpenAI's shape; domain errors of the apps are mapped already) and
`chatsite.api.catalog.CHAT_MODEL_ID` (the chat model's id that GET /v1/models lists).
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router

from chatsite.api.errors import ApiError

router = Router(tags=["chat"])


@router.post("/completions", summary="Create a chat completion", operation_id="createChatCompletion")
def chat_completions(request: HttpRequest) -> None:
    raise ApiError(501, _("Chat completions are not available yet."), type="server_error", code="not_implemented")
