"""One JSON shape for every API error: a machine code and a message in the client's language.

{"error": {"code": "validation_error", "message": "…", "fields": {"pinfl": ["…"]}}}
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as SchemaValidationError

from muhandis.core.ratelimit import RateLimited, too_many_requests_body


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


def error_body(code: str, message: str, fields: dict | None = None) -> dict:
    body: dict = {"code": code, "message": str(message)}
    if fields:
        body["fields"] = fields
    return {"error": body}


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
    if kind == "missing":
        return _("This field is required.")
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
    @api.exception_handler(SchemaValidationError)
    def _schema(request: HttpRequest, exc: SchemaValidationError):
        return api.create_response(
            request,
            error_body(
                "validation_error", _("Some values are not valid."), _schema_fields(exc.errors)
            ),
            status=422,
        )

    @api.exception_handler(ValidationError)
    def _validation(request: HttpRequest, exc: ValidationError):
        fields = (
            {k: [str(m) for m in v] for k, v in exc.message_dict.items()}
            if hasattr(exc, "error_dict")
            else {"__all__": [str(m) for m in exc.messages]}
        )
        return api.create_response(
            request,
            error_body("validation_error", _("Some values are not valid."), fields),
            status=422,
        )

    @api.exception_handler(AuthenticationError)
    def _unauthenticated(request: HttpRequest, exc: AuthenticationError):
        return api.create_response(
            request,
            error_body("not_authenticated", _("Sign in or send a valid API token.")),
            status=401,
        )

    @api.exception_handler(PermissionDenied)
    def _forbidden(request: HttpRequest, exc: PermissionDenied):
        message = str(exc) or _("You do not have permission to do this.")
        return api.create_response(request, error_body("permission_denied", message), status=403)

    @api.exception_handler(Http404)
    def _not_found(request: HttpRequest, exc: Http404):
        return api.create_response(request, error_body("not_found", _("Not found.")), status=404)

    @api.exception_handler(ApiError)
    def _api_error(request: HttpRequest, exc: ApiError):
        message = exc.message or (
            _("This token may only read; create a read-write token to make changes.")
            if isinstance(exc, ScopeError)
            else _("The request is not valid.")
        )
        return api.create_response(request, error_body(exc.code, message), status=exc.status)

    @api.exception_handler(RateLimited)
    def _rate_limited(request: HttpRequest, exc: RateLimited):
        response = api.create_response(request, too_many_requests_body(exc.retry_after), status=429)
        response["Retry-After"] = str(exc.retry_after)
        return response

    @api.exception_handler(HttpError)
    def _http_error(request: HttpRequest, exc: HttpError):
        return api.create_response(
            request, error_body("http_error", str(exc.message)), status=exc.status_code
        )
