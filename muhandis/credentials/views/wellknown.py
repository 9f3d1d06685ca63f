"""The issuer's public keys, where verifiers look for them."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from ..services import keys


def _public(data: dict, content_type: str) -> JsonResponse:
    response = JsonResponse(data, content_type=content_type)
    response["Cache-Control"] = "public, max-age=300"
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def did_json(request: HttpRequest) -> JsonResponse:
    try:
        document = keys.did_document()
    except keys.KeyMissing:
        return JsonResponse({"error": "no issuer key"}, status=404)
    return _public(document, "application/did+json")


@require_GET
def jwks_json(request: HttpRequest) -> JsonResponse:
    return _public(keys.jwks(), "application/jwk-set+json")
