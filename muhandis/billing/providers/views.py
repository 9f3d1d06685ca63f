"""The addresses Payme and Click call. They answer in the provider's own format (JSON-RPC for
Payme, JSON for Click) whatever happens, a wrong credential or our own failure included:
never an HTML page, never a 500."""

import json
import logging
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from . import click_api, payme_api
from .payme import authorised
from .payme_errors import (
    INSUFFICIENT_PRIVILEGE,
    INVALID_REQUEST,
    METHOD_NOT_FOUND,
    NOT_POST,
    PARSE_ERROR,
    SYSTEM_ERROR,
    PaymeError,
)

logger = logging.getLogger(__name__)


def _rpc(request_id: Any, *, result: Any = None, error: PaymeError | None = None) -> JsonResponse:
    body: dict[str, Any] = {"jsonrpc": "2.0", "id": request_id}
    if error is not None:
        body["error"] = error.as_error()
    else:
        body["result"] = result
    return JsonResponse(body, json_dumps_params={"ensure_ascii": False})


@csrf_exempt
def payme(request: HttpRequest) -> JsonResponse:
    """Payme's Merchant API: one JSON-RPC 2.0 call a request."""
    request_id: Any = None
    try:
        payload = json.loads(request.body) if request.method == "POST" else None
    except (ValueError, UnicodeDecodeError):
        payload = None
        if authorised(request.headers.get("Authorization")):
            return _rpc(None, error=PaymeError(PARSE_ERROR))
    if isinstance(payload, dict):
        request_id = payload.get("id")
    if not authorised(request.headers.get("Authorization")):
        return _rpc(request_id, error=PaymeError(INSUFFICIENT_PRIVILEGE))
    if request.method != "POST":
        return _rpc(None, error=PaymeError(NOT_POST))
    if not isinstance(payload, dict):
        return _rpc(None, error=PaymeError(INVALID_REQUEST))
    method, params = payload.get("method"), payload.get("params")
    if not isinstance(method, str) or not isinstance(params, dict):
        return _rpc(request_id, error=PaymeError(INVALID_REQUEST, "params"))
    handler = payme_api.METHODS.get(method)
    if handler is None:
        return _rpc(request_id, error=PaymeError(METHOD_NOT_FOUND, "method"))
    try:
        return _rpc(request_id, result=handler(params))
    except PaymeError as error:
        return _rpc(request_id, error=error)
    except Exception:
        logger.exception("Payme %s failed", method)
        return _rpc(request_id, error=PaymeError(SYSTEM_ERROR))


def _click(
    request: HttpRequest, handle: Callable[[click_api.Call], dict], *, complete: bool
) -> JsonResponse:
    data = request.POST.dict() if request.method == "POST" else {}
    try:
        if request.method != "POST":
            raise click_api.ClickError(click_api.BAD_REQUEST)
        body = handle(click_api.read_call(data, complete=complete))
    except click_api.ClickError as error:
        body = click_api.answer(data, error.code)
    except Exception:
        logger.exception("Click %s failed", "complete" if complete else "prepare")
        body = click_api.answer(data, click_api.FAILED_TO_UPDATE)
    return JsonResponse(body, json_dumps_params={"ensure_ascii": False})


@csrf_exempt
def click_prepare(request: HttpRequest) -> JsonResponse:
    return _click(request, click_api.prepare, complete=False)


@csrf_exempt
def click_complete(request: HttpRequest) -> JsonResponse:
    return _click(request, click_api.complete, complete=True)
