"""Domain errors of imaging. `code` is stable for clients (HTTP JSON, tool results, the API); the message is
plain words for people. Interfaces map them: see `http_status`."""

from __future__ import annotations

import datetime as dt


class ImagingError(Exception):
    code = "imaging_error"
    http_status = 400


class InvalidRequest(ImagingError):
    code = "invalid_request"


class InvalidUpload(InvalidRequest):
    """An uploaded file (or a drawn mask) that is not an acceptable PNG, JPEG or WebP image."""

    code = "invalid_image"


class ConsentRequired(InvalidRequest):
    """An uploaded photo of a real person that its owner has not yet said they may edit."""

    code = "consent_required"


class QuotaExceeded(ImagingError):
    """Wraps `chatsite.accounts.quotas.QuotaExceeded`, keeping when the allowance resets."""

    code = "quota_exceeded"
    http_status = 429

    def __init__(self, message: str, *, resets_at: dt.datetime, remaining: int) -> None:
        super().__init__(message)
        self.resets_at = resets_at
        self.remaining = remaining


class ContentPolicy(ImagingError):
    """Moderation refused the prompt or the image; the message names the policy area in plain words."""

    code = "content_policy"

    def __init__(self, message: str, *, categories: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.categories = categories


class NotFound(ImagingError):
    """No such image or job, or not the caller's: nothing is revealed about other users' images."""

    code = "not_found"
    http_status = 404


class Busy(ImagingError):
    """The request conflicts with the job's state (e.g. it already finished)."""

    code = "busy"
    http_status = 409
