"""Demo invoicing details: the association invoices in soʻm (UZACE) and in tenge (its partner
in Kazakhstan). Loading twice changes nothing."""

from collections.abc import Callable
from decimal import Decimal

from .models import Issuer

ISSUERS = [
    {
        "currency": "UZS",
        "name": "Oʻzbekiston qurilish muhandislari assotsiatsiyasi (UZACE)",
        "tax_number": "207654321",
        "address": "Toshkent sh., Mirzo Ulugʻbek tumani, Buyuk Ipak Yoʻli koʻchasi 15",
        "bank_name": "ATB «Xalq banki» Toshkent filiali",
        "bank_account": "20212000400987654001",
        "bank_code": "00014",
        "vat_rate": Decimal(12),
        "prices_include_vat": True,
        "number_prefix": "UZ",
        "credit_prefix": "UZCN",
    },
    {
        "currency": "KZT",
        "name": "Қазақстан инженерлер қауымдастығы (ENGINE KZ)",
        "tax_number": "190340012345",
        "address": "Шымкент қ., Тәуке хан даңғылы 5",
        "bank_name": "АО «Халык Банк Казахстана»",
        "bank_account": "KZ86601A871001726091",
        "bank_code": "HSBKKZKX",
        "vat_rate": Decimal(16),
        "prices_include_vat": True,
        "number_prefix": "KZ",
        "credit_prefix": "KZCN",
    },
]


def load(write: Callable[[str], object]) -> None:
    for details in ISSUERS:
        Issuer.objects.get_or_create(currency=details["currency"], defaults=details)
    write("Invoicing details: UZACE (UZS) and ENGINE KZ (KZT).")
