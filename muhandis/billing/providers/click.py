"""Click: the payment button's address, the SHOP API signature, and the provider's settings."""

import hashlib
import hmac
from urllib.parse import urlencode

from django.conf import settings

from ..models import Invoice
from .base import Provider

PAY_URL = "https://my.click.uz/services/pay"


def sign(
    *,
    click_trans_id: str,
    service_id: str,
    secret_key: str,
    merchant_trans_id: str,
    amount: str,
    action: str,
    sign_time: str,
    merchant_prepare_id: str | None = None,
) -> str:
    """The SHOP API's ``sign_string``: MD5 of the fields as sent, in the published order (the
    prepare id, between the order id and the amount, on Complete only)."""
    parts = [click_trans_id, service_id, secret_key, merchant_trans_id]
    if merchant_prepare_id is not None:
        parts.append(merchant_prepare_id)
    parts += [amount, action, sign_time]
    return hashlib.md5("".join(parts).encode(), usedforsecurity=False).hexdigest()


def signature_matches(fields: dict[str, str], *, complete: bool) -> bool:
    secret = settings.CLICK_SECRET_KEY
    if not secret or fields.get("service_id") != str(settings.CLICK_SERVICE_ID):
        return False
    expected = sign(
        click_trans_id=fields["click_trans_id"],
        service_id=fields["service_id"],
        secret_key=secret,
        merchant_trans_id=fields["merchant_trans_id"],
        amount=fields["amount"],
        action=fields["action"],
        sign_time=fields["sign_time"],
        merchant_prepare_id=fields["merchant_prepare_id"] if complete else None,
    )
    return hmac.compare_digest(expected, fields["sign_string"].strip().lower())


class ClickProvider(Provider):
    code = "click"
    name = "Click"

    def is_enabled(self) -> bool:
        return bool(
            settings.CLICK_SERVICE_ID and settings.CLICK_MERCHANT_ID and settings.CLICK_SECRET_KEY
        )

    def checkout_url(self, invoice: Invoice, *, return_url: str) -> str:
        query = urlencode(
            {
                "service_id": settings.CLICK_SERVICE_ID,
                "merchant_id": settings.CLICK_MERCHANT_ID,
                "amount": f"{invoice.balance:.2f}",
                "transaction_param": invoice.number,
                "return_url": return_url,
            }
        )
        return f"{PAY_URL}?{query}"
