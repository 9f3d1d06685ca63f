"""Idle and absolute session time-outs."""

import time
from collections.abc import Callable

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
