from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from asgiref.sync import iscoroutinefunction, markcoroutinefunction
from django.http import HttpRequest, HttpResponseBase
from django.utils import timezone


def _activate_for(user: Any) -> None:
    name = (getattr(user, "time_zone_next", "") or getattr(user, "time_zone", "")) if user else ""
    try:
        timezone.activate(ZoneInfo(name)) if name else timezone.deactivate()
    except (ZoneInfoNotFoundError, ValueError):
        timezone.deactivate()


class UserTimeZoneMiddleware:
    """Shows dates in the signed-in user's time zone (the one they chose last). Works in both modes (see
    chatsite/middleware.py for why): the async path reads the user with `request.auser()`."""

    sync_capable = True
    async_capable = True

    def __init__(self, get_response: Callable[[HttpRequest], Any]) -> None:
        self.get_response = get_response
        self.is_async = iscoroutinefunction(get_response)
        if self.is_async:
            markcoroutinefunction(self)

    def __call__(self, request: HttpRequest) -> HttpResponseBase | Awaitable[HttpResponseBase]:
        if self.is_async:
            return self.__acall__(request)
        _activate_for(getattr(request, "user", None))
        return self.get_response(request)

    async def __acall__(self, request: HttpRequest) -> HttpResponseBase:
        auser = getattr(request, "auser", None)
        _activate_for(await auser() if auser is not None else None)
        return await self.get_response(request)
