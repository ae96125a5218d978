"""Domain errors of moderation; views map them to HTTP statuses."""

from __future__ import annotations


class ModerationError(Exception):
    """Base class: the message is safe to show to staff."""


class NotFound(ModerationError):
    pass


class InvalidAction(ModerationError):
    pass
