"""One interface for the online payment providers (Payme, Click): what the invoice page needs
to offer a provider, and the money conversions their protocols share."""

from abc import ABC, abstractmethod
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from ..models import Currency, Invoice

CENT = Decimal("0.01")
#: More than any invoice holds (the amount columns keep 12 digits before the point).
MAX_SOUM = Decimal(10**12)


def to_tiyin(amount: Decimal) -> int:
    """Soʻm to tiyin (1/100), the unit Payme and Click's fiscal API count in."""
    return int((amount * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def from_tiyin(tiyin: int) -> Decimal:
    return (Decimal(tiyin) / 100).quantize(CENT)


def parse_soum(text: str) -> Decimal | None:
    """An amount in soʻm as Click sends it ("1000", "1000.5", "1000.00"); None when it is not
    a positive amount with at most two decimals."""
    try:
        value = Decimal(text.strip())
    except (InvalidOperation, AttributeError):
        return None
    if not value.is_finite() or not 0 < value < MAX_SOUM or value != value.quantize(CENT):
        return None
    return value.quantize(CENT)


@dataclass(frozen=True)
class PayLink:
    """A button on the invoice page."""

    code: str
    name: str
    url: str


class Provider(ABC):
    """A payment provider that a payer is sent to from an open invoice."""

    code: str
    name: str

    @abstractmethod
    def is_enabled(self) -> bool:
        """Whether the deployment's settings name this provider's merchant account."""

    @abstractmethod
    def checkout_url(self, invoice: Invoice, *, return_url: str) -> str:
        """Where the payer pays ``invoice``'s balance; they come back to ``return_url``."""

    def accepts(self, invoice: Invoice) -> bool:
        """Payme and Click take soʻm only, and only while something is left to pay."""
        return (
            invoice.currency == Currency.UZS
            and invoice.is_open
            and bool(invoice.number)
            and invoice.balance > 0
        )
