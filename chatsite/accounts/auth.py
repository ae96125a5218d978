"""Helpers for interfaces that run behind `login_required`."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from chatsite.accounts.models import User


def authenticated_user(request: HttpRequest) -> User:
    """The signed-in account of a request (typed); PermissionDenied if there is none."""
    if not isinstance(request.user, User) or not request.user.is_active:
        raise PermissionDenied
    return request.user
