"""The developer API, mounted at /v1/ by chatsite/urls.py: the OpenAPI document at /v1/openapi.json, an
interactive explorer at /v1/explorer, the documentation page at /v1/docs (chatsite/api/docs.py).

Every endpoint is bearer-authenticated (`ApiKeyAuth`) unless it says `auth=None`; ninja exempts its views from
CSRF, which is right here because a session cookie never authenticates an API call.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import path, re_path
from django.utils.translation import gettext as _
from ninja import NinjaAPI

from chatsite.api import catalog, chat, images, moderations
from chatsite.api.auth import ApiKeyAuth
from chatsite.api.docs import api_docs
from chatsite.api.errors import ApiError, install_error_handlers

api = NinjaAPI(
    title="Atelier API",
    version="1",
    description="OpenAI-compatible endpoints of Atelier: images, chat completions, moderations and models. "
    "Authenticate with `Authorization: Bearer <key>` (create keys on your account page).",
    auth=ApiKeyAuth(),
    urls_namespace="api",
    docs_url="/explorer",
    openapi_url="/openapi.json",
)
install_error_handlers(api)
api.add_router("/chat", chat.router)
api.add_router("/models", catalog.router)
api.add_router("/images", images.router)
api.add_router("/moderations", moderations.router)


def not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    return ApiError(404, _("Unknown API endpoint: %(path)s") % {"path": request.path}, code="unknown_url").response()


urlpatterns = [
    path("docs", api_docs, name="api_docs"),
    path("", api.urls),
    re_path(r"^(?P<rest>.*)$", not_found),
]
