"""Every answer under /api/ is JSON, errors in the API's one shape, even those Django gives
before or around the API: an unknown path (404), a method an address does not take (405), a
request Django refuses (400), a failure in a middleware (500, never a traceback page)."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import translation

from .errors import error_body, status_error

# Headers that describe the body being replaced; every other header (security headers,
# Allow, Retry-After, Vary, cookies) is kept.
_BODY_HEADERS = {"content-type", "content-length", "content-disposition", "content-language"}


def _is_json(response: HttpResponse) -> bool:
    return response.get("Content-Type", "").split(";")[0].strip() == "application/json"


class ApiErrorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.prefix = settings.API_PATH_PREFIX

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            request.path.startswith(self.prefix)
            and response.status_code >= 400
            and not _is_json(response)
        ):
            return self._as_json(request, response)
        return response

    def _as_json(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        language = getattr(request, "LANGUAGE_CODE", None) or translation.get_language_from_request(
            request
        )
        with translation.override(language):
            code, message = status_error(response.status_code)
            replaced = JsonResponse(error_body(code, message), status=response.status_code)
        for name, value in response.items():
            if name.lower() not in _BODY_HEADERS:
                replaced[name] = value
        replaced.cookies = response.cookies
        replaced["Content-Language"] = language
        return replaced
