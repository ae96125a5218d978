"""Domain errors of conversations; interfaces map them to HTTP statuses or websocket error events."""

from __future__ import annotations


class ConversationError(Exception):
    """Base class: `code` is stable for clients, the message is plain words for people."""

    code = "conversation_error"


class ConversationNotFound(ConversationError):
    code = "not_found"


class InvalidMessage(ConversationError):
    code = "invalid_message"


class ReplyInProgress(ConversationError):
    code = "reply_in_progress"


class RateLimited(ConversationError):
    code = "rate_limited"


class CompletionRefused(ConversationError):
    """An API chat completion whose latest user message moderation refused (nothing was queued)."""

    code = "content_policy_violation"
