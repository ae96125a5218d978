"""Schemas shared by the endpoints: OpenAI's error body, and the error answers each operation documents."""

from __future__ import annotations

from typing import Any

from ninja import Schema


class ErrorDetail(Schema):
    message: str
    type: str
    param: str | None = None
    code: str | None = None


class ErrorOut(Schema):
    error: ErrorDetail


ERROR_DESCRIPTIONS = {
    400: "Invalid parameters, or a request refused by the content policy (`code`: `content_policy_violation`).",
    401: "Missing, unknown or revoked API key (`code`: `invalid_api_key`).",
    403: "An image URL whose signature has expired.",
    404: "No such model, image or endpoint (also another user's).",
    409: "The request conflicts with the state of a job.",
    413: "An uploaded file or the request body is too large.",
    429: "The daily image allowance is used up (`x-ratelimit-*-requests`, `retry-after` headers).",
    500: "The image worker failed; the images were not charged.",
    503: "The image makers are busy; try again after `retry-after` seconds.",
    504: "The images took too long; the job was cancelled and not charged.",
}


def error_responses(*statuses: int) -> dict[int, Any]:
    """`response=` entries for ninja: these statuses answer an `ErrorOut`."""
    return dict.fromkeys(statuses, ErrorOut)


def error_openapi(*statuses: int) -> dict[str, Any]:
    """`openapi_extra=` descriptions of the error statuses (ninja only says "Bad Request")."""
    return {"responses": {str(status): {"description": ERROR_DESCRIPTIONS[status]} for status in statuses}}
