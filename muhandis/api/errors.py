"""One JSON shape for every API error: a machine code and a message in the client's language.

{"error": {"code": "validation_error", "message": "…", "fields": {"pinfl": ["…"]}}}

The schema is `muhandis.core.apitypes.ErrorOut`. Errors raised inside an endpoint are turned
into it by the handlers below; errors Django answers before or around the API (an unknown
path, a method not allowed, a failure in a middleware) by `muhandis.api.middleware`.
"""

import logging

from django.core.exceptions import PermissionDenied, RequestDataTooBig, ValidationError
from django.core.signals import got_request_exception
from django.http import Http404, HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as SchemaValidationError

from muhandis.core.ratelimit import RateLimited, too_many_requests_body
from muhandis.core.validators import CODE as CONTROL_CHARACTERS

logger = logging.getLogger("django.request")


class ApiError(Exception):
    status = 400
    code = "bad_request"

    def __init__(
        self, message: str | None = None, *, status: int | None = None, code: str | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status = status or self.status
        self.code = code or self.code


class ScopeError(ApiError):
    status = 403
    code = "token_scope"


class CsrfFailed(ApiError):
    status = 403
    code = "csrf_failed"


def error_body(code: str, message: str, fields: dict | None = None) -> dict:
    body: dict = {"code": code, "message": str(message)}
    if fields:
        body["fields"] = fields
    return {"error": body}


def status_error(status: int) -> tuple[str, str]:
    """The code and message of an error known only by its HTTP status."""
    known = {
        400: ("bad_request", _("The request is not valid.")),
        401: ("not_authenticated", _("Sign in or send a valid API token.")),
        403: ("permission_denied", _("You do not have permission to do this.")),
        404: ("not_found", _("Not found.")),
        405: ("method_not_allowed", _("This address does not accept this method.")),
        413: ("payload_too_large", _("The request is too large.")),
        415: ("unsupported_media_type", _("This type of content is not accepted here.")),
        429: ("rate_limited", _("Too many requests: try again later.")),
    }
    if status in known:
        return known[status]
    if status >= 500:
        return "server_error", _("Something went wrong on our side. Please try again later.")
    return "http_error", _("The request is not valid.")


def _schema_fields(errors: list[dict]) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    for error in errors:
        location = [
            str(p) for p in error.get("loc", ()) if p not in ("body", "query", "path", "payload")
        ]
        name = ".".join(location) or "__all__"
        fields.setdefault(name, []).append(_schema_message(error))
    return fields


def _schema_message(error: dict) -> str:
    kind = error.get("type", "")
    context = error.get("ctx") or {}
    if kind == CONTROL_CHARACTERS:
        return str(error.get("msg", ""))
    if kind == "missing":
        return _("This field is required.")
    if kind in {"greater_than_equal", "greater_than"}:
        return _("Enter a number no smaller than %(limit)s.") % {
            "limit": context.get("ge", context.get("gt"))
        }
    if kind in {"less_than_equal", "less_than"}:
        return _("Enter a number no larger than %(limit)s.") % {
            "limit": context.get("le", context.get("lt"))
        }
    if kind.startswith("int") or kind.startswith("float"):
        return _("Enter a number.")
    if kind.startswith("date"):
        return _("Enter a date as YYYY-MM-DD.")
    if kind.startswith("string_too_long"):
        return _("This value is too long.")
    if kind.startswith("uuid"):
        return _("Enter a valid identifier.")
    if kind.startswith("enum") or kind == "literal_error":
        return _("Choose one of the allowed values.")
    if kind in {"json_invalid", "model_attributes_type", "dict_type"}:
        return _("The request body must be a JSON object.")
    return _("This value is not valid.")


def install_error_handlers(api: NinjaAPI) -> None:
    """Answer every error raised inside an endpoint of ``api`` in the one shape."""
    _handle_refused_input(api)
    _handle_refused_access(api)
    _handle_other_errors(api)


def _answer(
    api: NinjaAPI,
    request: HttpRequest,
    status: int,
    code: str,
    message: str,
    fields: dict | None = None,
) -> HttpResponse:
    return api.create_response(request, error_body(code, message, fields), status=status)


def _handle_refused_input(api: NinjaAPI) -> None:
    """Values, bodies and uploads the API cannot take: 422, 413, 400."""

    @api.exception_handler(SchemaValidationError)
    def _schema(request: HttpRequest, exc: SchemaValidationError) -> HttpResponse:
        fields = _schema_fields(exc.errors)
        message = _("Some values are not valid.")
        return _answer(api, request, 422, "validation_error", message, fields)

    @api.exception_handler(ValidationError)
    def _validation(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        fields = (
            {k: [str(m) for m in v] for k, v in exc.message_dict.items()}
            if hasattr(exc, "error_dict")
            else {"__all__": [str(m) for m in exc.messages]}
        )
        message = _("Some values are not valid.")
        return _answer(api, request, 422, "validation_error", message, fields)

    @api.exception_handler(RequestDataTooBig)
    def _too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        return _answer(api, request, 413, *status_error(413))

    @api.exception_handler(MultiPartParserError)
    def _multipart(request: HttpRequest, exc: MultiPartParserError) -> HttpResponse:
        message = _("The multipart request body cannot be read; send it as multipart/form-data.")
        return _answer(api, request, 400, "bad_request", message)


def _handle_refused_access(api: NinjaAPI) -> None:
    """Who may not do what, or not now: 401, 403, 404, the API's own refusals and 429."""

    @api.exception_handler(AuthenticationError)
    def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return _answer(api, request, 401, *status_error(401))

    @api.exception_handler(PermissionDenied)
    def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        message = str(exc) or _("You do not have permission to do this.")
        return _answer(api, request, 403, "permission_denied", message)

    @api.exception_handler(Http404)
    def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return _answer(api, request, 404, *status_error(404))

    @api.exception_handler(ApiError)
    def _api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
        message = exc.message or _default_message(exc)
        return _answer(api, request, exc.status, exc.code, message)

    @api.exception_handler(RateLimited)
    def _rate_limited(request: HttpRequest, exc: RateLimited) -> HttpResponse:
        response = api.create_response(request, too_many_requests_body(exc.retry_after), status=429)
        response["Retry-After"] = str(exc.retry_after)
        return response


def _handle_other_errors(api: NinjaAPI) -> None:
    """Django Ninja's own HTTP errors, and anything unexpected (500, reported)."""

    @api.exception_handler(HttpError)
    def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        # The body parser's own errors arrive wrapped by Django Ninja.
        if isinstance(exc.__cause__, ApiError | RequestDataTooBig | MultiPartParserError):
            return api.on_exception(request, exc.__cause__)
        code, message = status_error(exc.status_code)
        return _answer(api, request, exc.status_code, code, message)

    @api.exception_handler(Exception)
    def _server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
        logger.error(
            "Internal Server Error: %s",
            request.path,
            exc_info=exc,
            extra={"status_code": 500, "request": request},
        )
        # As Django does for its own 500s: the test client re-raises, error reporters hear it.
        got_request_exception.send(sender=None, request=request)
        return _answer(api, request, 500, *status_error(500))


def _default_message(exc: ApiError) -> str:
    if isinstance(exc, ScopeError):
        return _("This token may only read; create a read-write token to make changes.")
    if isinstance(exc, CsrfFailed):
        return _(
            "The CSRF check failed: send the X-CSRFToken header with changes made from the "
            "browser, or use a personal access token."
        )
    return _("The request is not valid.")
