"""Click's merchant API call that gives the fiscal receipt's items for a completed payment
(``payment/ofd_data/submit_items``). The HTTP transport is a parameter, so that tests and the
simulator never reach the network."""

import hashlib
import json
import time
import urllib.request
from collections.abc import Callable
from typing import Any

from django.conf import settings

from ..models import ClickTransaction
from .base import to_tiyin
from .receipts import click_items

SUBMIT_ITEMS_URL = "https://api.click.uz/v2/merchant/payment/ofd_data/submit_items"
TIMEOUT_SECONDS = 15

#: (url, headers, JSON body) -> (HTTP status, response body)
Transport = Callable[[str, dict[str, str], bytes], tuple[int, bytes]]


def urllib_transport(url: str, headers: dict[str, str], body: bytes) -> tuple[int, bytes]:
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310
    with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
        return response.status, response.read()


def auth_header(*, timestamp: int | None = None) -> str:
    """``merchant_user_id:sha1(timestamp + secret_key):timestamp``, as Click's merchant API
    asks."""
    moment = int(time.time()) if timestamp is None else timestamp
    digest = hashlib.sha1(
        f"{moment}{settings.CLICK_SECRET_KEY}".encode(), usedforsecurity=False
    ).hexdigest()
    return f"{settings.CLICK_MERCHANT_USER_ID}:{digest}:{moment}"


def submit_items_body(record: ClickTransaction) -> dict[str, Any]:
    return {
        "service_id": int(settings.CLICK_SERVICE_ID),
        "payment_id": record.click_paydoc_id,
        "items": click_items(record.invoice),
        "received_ecash": 0,
        "received_cash": 0,
        "received_card": to_tiyin(record.amount),
    }


def submit_items(record: ClickTransaction, *, transport: Transport) -> tuple[bool, str]:
    """Send the receipt's items; (accepted, Click's note)."""
    body = json.dumps(submit_items_body(record), ensure_ascii=False).encode()
    headers = {
        "Accept": "application/json",
        "Content-Type": "application/json",
        "Auth": auth_header(),
    }
    status, content = transport(SUBMIT_ITEMS_URL, headers, body)
    try:
        answer = json.loads(content or b"{}")
    except ValueError:
        answer = {}
    code = answer.get("error_code") if isinstance(answer, dict) else None
    note = str(answer.get("error_note", "")) if isinstance(answer, dict) else ""
    accepted = status == 200 and code == 0
    return accepted, note or f"HTTP {status}"
