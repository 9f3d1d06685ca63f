"""Idle and absolute session time-outs."""

import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

_STARTED = "_muhandis_session_started"
_SEEN = "_muhandis_session_seen"
# Refresh the idle clock at most once a minute, so that reading pages does not write the
# session on every request.
_SEEN_RESOLUTION = 60


class SessionTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            started = request.session.get(_STARTED)
            seen = request.session.get(_SEEN)
            if started is None:
                request.session[_STARTED] = now
                request.session[_SEEN] = now
            elif (
                now - started > settings.SESSION_ABSOLUTE_TIMEOUT
                or now - (seen or started) > settings.SESSION_IDLE_TIMEOUT
            ):
                logout(request)
                messages.info(request, _("Your session has ended. Please sign in again."))
            elif seen is None or now - seen >= _SEEN_RESOLUTION:
                request.session[_SEEN] = now
        return self.get_response(request)


def _policy(features: dict[str, str]) -> str:
    return ", ".join(f"{name}=({allow})" for name, allow in features.items())


class PermissionsPolicyMiddleware:
    """Send `Permissions-Policy` on every answer: the browser features no page needs
    (`settings.PERMISSIONS_POLICY`) are refused to the page and to anything it embeds.

    A page that needs one opts in with `allow_features` (for example the camera for scanning a
    certificate's QR code), so one page's need never opens the feature on every page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.header = _policy(settings.PERMISSIONS_POLICY)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        allowed = getattr(response, "allowed_features", None)
        if allowed:
            response["Permissions-Policy"] = _policy({**settings.PERMISSIONS_POLICY, **allowed})
        else:
            response.setdefault("Permissions-Policy", self.header)
        return response


def allow_features(**features: str) -> Callable:
    """Let one view use browser features the policy otherwise refuses, e.g.
    ``@allow_features(camera="self")``: the page itself (not what it embeds) may ask."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            response = view(request, *args, **kwargs)
            response.allowed_features = {name.replace("_", "-"): v for name, v in features.items()}
            return response

        return wrapped

    return decorator
