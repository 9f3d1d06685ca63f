"""A simple fixed-window rate limit per client for public endpoints (shared through the cache)."""

import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _

from .audit import client_ip


class RateLimited(Exception):
    """Raised by API code; the API answers 429 with Retry-After."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(retry_after)
        self.retry_after = retry_after


def enforce(request: HttpRequest, scope: str) -> None:
    retry_after = exceeded(request, scope)
    if retry_after is not None:
        raise RateLimited(retry_after)


def exceeded(request: HttpRequest, scope: str, per_minute: int | None = None) -> int | None:
    """Count this request; the seconds to wait if the client is over its limit, else None."""
    limit = per_minute or settings.PUBLIC_RATE_LIMIT_PER_MINUTE
    window = int(time.time() // 60)
    key = f"ratelimit:{scope}:{client_ip(request)}:{window}"
    cache.add(key, 0, timeout=61)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        count = 1
    return 60 - int(time.time() % 60) if count > limit else None


def too_many_requests_body(retry_after: int) -> dict:
    return {
        "error": {
            "code": "rate_limited",
            "message": _("Too many requests: try again in %(seconds)d seconds.")
            % {"seconds": retry_after},
        }
    }


def limited(scope: str, *, per_minute: int | None = None) -> Callable:
    """Answer 429 with Retry-After once a client has made ``per_minute`` requests this minute."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            retry_after = exceeded(request, scope, per_minute)
            if retry_after is not None:
                response = JsonResponse(too_many_requests_body(retry_after), status=429)
                response["Retry-After"] = str(retry_after)
                return response
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
