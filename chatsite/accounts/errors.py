"""Domain errors of the accounts app; interfaces map them to form errors or HTTP statuses."""

from __future__ import annotations


class AccountError(Exception):
    """Base class: the message is safe to show to the user."""


class EmailTaken(AccountError):
    pass


class UnknownPlan(AccountError):
    pass
