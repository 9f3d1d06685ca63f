"""Money as people read it in their locale."""

from decimal import ROUND_HALF_UP, Decimal

from django.utils import formats
from django.utils.translation import gettext as _

# Currencies shown without minor units: the Uzbek soʻm has no coins in circulation.
_NO_DECIMALS = {"UZS"}


def currency_symbol(currency: str) -> str:
    symbols = {
        # Translators: the short name of the Uzbek currency shown after an amount.
        "UZS": _("UZS"),
        # Translators: the short name of the Kazakh currency shown after an amount.
        "KZT": _("KZT"),
        "EUR": "€",
        "USD": "$",
    }
    return symbols.get(currency, currency)


def format_money(amount: Decimal | int | float | str, currency: str = "UZS") -> str:
    """``1234567`` → ``1 234 567 soʻm`` (uz), ``1 234 567 сум`` (ru), ``1,234,567 UZS`` (en)."""
    places = 0 if currency in _NO_DECIMALS else 2
    quantum = Decimal(1).scaleb(-places)
    value = Decimal(str(amount)).quantize(quantum, rounding=ROUND_HALF_UP)
    number = formats.number_format(value, decimal_pos=places, use_l10n=True, force_grouping=True)
    return f"{number}\N{NO-BREAK SPACE}{currency_symbol(currency)}"
