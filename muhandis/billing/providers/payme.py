"""Payme: the checkout link (GET method of Payme's checkout) and the provider's settings."""

import base64
import binascii
import hmac

from django.conf import settings
from django.utils import translation

from ..models import Invoice
from .base import Provider, to_tiyin

LOGIN = "Paycom"
LANGUAGES = {"uz", "ru", "en"}


def merchant_key() -> str:
    """The key Payme signs its calls with: the sandbox key on a test deployment."""
    return settings.PAYME_TEST_KEY or settings.PAYME_KEY


def authorised(header: str | None) -> bool:
    """Whether an ``Authorization`` header is Basic ``Paycom:<our key>``."""
    key = merchant_key()
    if not key or not header:
        return False
    scheme, _, encoded = header.strip().partition(" ")
    if scheme.lower() != "basic" or not encoded:
        return False
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True)
    except (binascii.Error, ValueError):
        return False
    expected = f"{LOGIN}:{key}".encode()
    return hmac.compare_digest(decoded, expected)


class PaymeProvider(Provider):
    code = "payme"
    name = "Payme"

    def is_enabled(self) -> bool:
        return bool(settings.PAYME_MERCHANT_ID and merchant_key())

    def checkout_url(self, invoice: Invoice, *, return_url: str) -> str:
        language = (translation.get_language() or "uz")[:2]
        parameters = ";".join(
            [
                f"m={settings.PAYME_MERCHANT_ID}",
                f"ac.invoice={invoice.number}",
                f"a={to_tiyin(invoice.balance)}",
                f"l={language if language in LANGUAGES else 'uz'}",
                # The parameters are separated by ";", so the address may not hold one.
                f"c={return_url.replace(';', '%3B')}",
            ]
        )
        encoded = base64.b64encode(parameters.encode()).decode()
        return f"{settings.PAYME_CHECKOUT_URL}/{encoded}"
