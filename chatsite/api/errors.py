"""OpenAI's error shape for every answer of the API: `{"error": {"message", "type", "param", "code"}}`.

`ApiError` is the one exception of this package; `install_error_handlers` maps everything else that can reach
an endpoint (validation, authentication, the apps' domain errors, Django's request limits) to a status and
that shape. A bare 500 is only the last resort for a bug, and it is still JSON in the same shape.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, RequestDataTooBig, SuspiciousOperation, TooManyFilesSent
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, UnreadablePostError
from django.http.multipartparser import MultiPartParserError
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from chatsite.accounts.errors import AccountError
from chatsite.accounts.quotas import QuotaExceeded as AccountQuotaExceeded
from conversations.errors import ConversationError, ConversationNotFound, RateLimited, ReplyInProgress
from imaging.admission import QueueBusy
from imaging.errors import Busy, ContentPolicy, ImagingError, InvalidUpload
from imaging.errors import NotFound as ImageNotFound
from imaging.errors import QuotaExceeded as ImageQuotaExceeded
from moderation.errors import ModerationError
from moderation.errors import NotFound as ModerationNotFound

logger = logging.getLogger(__name__)

INVALID_REQUEST = "invalid_request_error"
AUTHENTICATION = "authentication_error"
RATE_LIMIT = "rate_limit_error"
SERVER = "server_error"


class ApiError(Exception):
    """An answer in OpenAI's error shape. `headers` go on the response (rate-limit headers, retry-after)."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        type: str = INVALID_REQUEST,  # noqa: A002 - OpenAI's field name
        code: str | None = None,
        param: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.type = type
        self.code = code
        self.param = param
        self.headers = dict(headers or {})

    def body(self) -> dict[str, Any]:
        return {"error": {"message": self.message, "type": self.type, "param": self.param, "code": self.code}}

    def response(self) -> HttpResponse:
        response = JsonResponse(self.body(), status=self.status)
        for name, value in self.headers.items():
            response[name] = value
        return response


def duration_text(seconds: float) -> str:
    """OpenAI's reset format: `1h2m3s`, `6m0s`, `17ms`-style collapsed to whole seconds (`1s` at least)."""
    seconds = max(1, math.ceil(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}h{minutes}m{secs}s"
    if minutes:
        return f"{minutes}m{secs}s"
    return f"{secs}s"


def rate_limit_headers(*, limit: int, remaining: int, resets_at: dt.datetime) -> dict[str, str]:
    """The `x-ratelimit-*-requests` headers for the daily image allowance (OpenAI's names and formats)."""
    wait = max(1.0, (resets_at - timezone.now()).total_seconds())
    return {
        "x-ratelimit-limit-requests": str(limit),
        "x-ratelimit-remaining-requests": str(max(remaining, 0)),
        "x-ratelimit-reset-requests": duration_text(wait),
    }


def quota_error(exc: ImageQuotaExceeded | AccountQuotaExceeded, request: HttpRequest) -> ApiError:
    limit = getattr(getattr(getattr(request, "auth", None), "plan", None), "images_per_day", 0)
    wait = max(1, math.ceil((exc.resets_at - timezone.now()).total_seconds()))
    headers = rate_limit_headers(limit=limit, remaining=exc.remaining, resets_at=exc.resets_at)
    # Retrying within seconds cannot help before the day ends: tell OpenAI's clients not to.
    headers.update({"retry-after": str(wait), "x-should-retry": "false"})
    return ApiError(429, str(exc), type=RATE_LIMIT, code="rate_limit_exceeded", headers=headers)


def from_exception(exc: Exception, request: HttpRequest) -> ApiError:  # noqa: C901 - one flat mapping table
    """The API error a known exception stands for. Unknown exceptions become a logged 500 in the same shape."""
    if isinstance(exc, ApiError):
        return exc
    if isinstance(exc, ValidationError):
        return validation_error(exc)
    if isinstance(exc, AuthenticationError):
        return unauthenticated(request)
    if isinstance(exc, HttpError):
        return ApiError(exc.status_code, str(exc.message), code=None)
    if isinstance(exc, ImageQuotaExceeded | AccountQuotaExceeded):
        return quota_error(exc, request)
    if isinstance(exc, ContentPolicy):
        return ApiError(400, str(exc), code="content_policy_violation", param="prompt")
    if isinstance(exc, QueueBusy):
        return ApiError(503, str(exc), type=SERVER, code="queue_busy",
                        headers={"retry-after": str(exc.retry_after_seconds)})
    if isinstance(exc, InvalidUpload):
        return ApiError(400, str(exc), code="invalid_image", param="image")
    if isinstance(exc, ImageNotFound | ConversationNotFound | ModerationNotFound | Http404):
        return ApiError(404, str(exc) or _("Not found."), code="not_found")
    if isinstance(exc, Busy | ReplyInProgress):
        return ApiError(409, str(exc), code=exc.code)
    if isinstance(exc, RateLimited):
        return ApiError(429, str(exc), type=RATE_LIMIT, code="rate_limit_exceeded",
                        headers={"retry-after": str(getattr(exc, "retry_after", 60))})
    if isinstance(exc, ImagingError | ConversationError):
        return ApiError(exc.http_status if isinstance(exc, ImagingError) else 400, str(exc), code=exc.code)
    if isinstance(exc, ModerationError | AccountError):
        return ApiError(400, str(exc), code=None)
    if isinstance(exc, RequestDataTooBig):
        return ApiError(413, _("The request is too large."), code="request_too_large")
    if isinstance(exc, TooManyFilesSent):
        return ApiError(400, _("Too many files in one request."), code=None)
    if isinstance(exc, MultiPartParserError | UnreadablePostError):
        return ApiError(400, _("The request could not be read."), code=None)
    if isinstance(exc, SuspiciousOperation):
        return ApiError(400, _("The request could not be read."), code=None)
    if isinstance(exc, PermissionDenied):
        return ApiError(403, _("You may not do this."), type=INVALID_REQUEST, code="permission_denied")
    logger.error("unexpected error in the API", exc_info=exc)
    return ApiError(500, _("The server had an error while processing your request."), type=SERVER, code=None)


def unauthenticated(request: HttpRequest) -> ApiError:
    if request.headers.get("Authorization"):
        message = _("Incorrect API key provided. You can create and revoke keys on your account page.")
    else:
        message = _("You didn't provide an API key. Send it in an Authorization header: Bearer YOUR_KEY.")
    return ApiError(401, message, type=INVALID_REQUEST, code="invalid_api_key",
                    headers={"WWW-Authenticate": 'Bearer realm="atelier"'})


def _param(loc: list[Any] | tuple[Any, ...]) -> str | None:
    # ninja prefixes the source ("body", "form", "query", "file") and the schema argument's name.
    parts = [str(p) for p in loc if p not in ("body", "form", "query", "path", "file", "header", "payload", "data")]
    return ".".join(parts) or None


def validation_error(exc: ValidationError) -> ApiError:
    """400 (never 422): the first problem in words, its field as `param`."""
    errors = exc.errors or [{}]
    first = errors[0]
    param = _param(first.get("loc", ()))
    message = str(first.get("msg") or _("Invalid request."))
    if first.get("type") == "json_invalid":
        message = _("The request body is not valid JSON.")
    elif param:
        message = _("Invalid value for '%(param)s': %(problem)s") % {"param": param, "problem": message}
    return ApiError(400, message, code="invalid_value" if param else None, param=param)


def install_error_handlers(api: NinjaAPI) -> None:
    """Every exception an endpoint can raise answers in OpenAI's shape (most specific handler wins: one on
    `Exception` catches what the others do not)."""

    def handle(request: HttpRequest, exc: Exception | type[Exception]) -> HttpResponse:
        return from_exception(exc if isinstance(exc, Exception) else exc(), request).response()

    api.add_exception_handler(Exception, handle)
    for kind in (ValidationError, AuthenticationError, HttpError, Http404):
        api.add_exception_handler(kind, handle)
