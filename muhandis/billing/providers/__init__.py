"""Online payment providers behind one interface (``base.Provider``), and the protocols by
which they tell us about payments (Payme's Merchant API, Click's SHOP API)."""

from ..models import Invoice
from .base import PayLink, Provider
from .click import ClickProvider
from .payme import PaymeProvider

PROVIDERS: tuple[Provider, ...] = (PaymeProvider(), ClickProvider())


def enabled_providers() -> list[Provider]:
    """The providers whose settings are given, in the order the invoice page shows them."""
    return [provider for provider in PROVIDERS if provider.is_enabled()]


def checkout_links(invoice: Invoice, *, return_url: str) -> list[PayLink]:
    """The pay buttons for ``invoice``: none unless it is open, in soʻm, with a balance."""
    return [
        PayLink(
            code=provider.code,
            name=provider.name,
            url=provider.checkout_url(invoice, return_url=return_url),
        )
        for provider in enabled_providers()
        if provider.accepts(invoice)
    ]


__all__ = ["PayLink", "Provider", "checkout_links", "enabled_providers"]
