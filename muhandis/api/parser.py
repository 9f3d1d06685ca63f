"""Request bodies: JSON objects only, sent as `application/json`."""

import json

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.parser import Parser

from .errors import ApiError


class UnsupportedMediaType(ApiError):
    status = 415
    code = "unsupported_media_type"


class JsonObjectParser(Parser):
    """A body in another format (text, XML, a form) is answered with 415, and JSON that is not
    an object (a list, a number, null) with 422, instead of being read as an empty change."""

    def parse_body(self, request: HttpRequest) -> dict:
        if request.content_type != "application/json":
            raise UnsupportedMediaType(
                _("Send the request body as JSON, with the header Content-Type: application/json.")
            )
        try:
            data = json.loads(request.body)
        except (RecursionError, UnicodeDecodeError, ValueError) as exc:
            raise ApiError(
                _("The request body is not valid JSON."), status=400, code="invalid_json"
            ) from exc
        if not isinstance(data, dict):
            raise ApiError(
                _("The request body must be a JSON object."), status=422, code="validation_error"
            )
        return data
