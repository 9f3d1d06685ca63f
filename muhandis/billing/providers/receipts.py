"""Fiscal receipt items (Uzbekistan: MXIK/IKPU code, package code, VAT) from invoice lines, in
the shapes Payme's CheckPerformTransaction and Click's ``submit_items`` ask for."""

from typing import Any

from ..models import Invoice, InvoiceLine
from .base import to_tiyin


def _count_and_unit(line: InvoiceLine) -> tuple[int, int]:
    """A whole count and a unit price in tiyin whose product is the line's amount exactly;
    a fractional quantity, or a total that does not divide, becomes one item of the total."""
    total = to_tiyin(line.gross_amount)
    quantity = line.quantity
    if quantity == quantity.to_integral_value() and quantity >= 1:
        count = int(quantity)
        if total % count == 0:
            return count, total // count
    return 1, total


def _vat_percent(line: InvoiceLine) -> int:
    return int(line.vat_rate.to_integral_value())


def _lines(invoice: Invoice) -> list[InvoiceLine]:
    lines = getattr(invoice, "_prefetched_objects_cache", {}).get("lines")
    return list(lines) if lines is not None else list(invoice.lines.all())


def payme_detail(invoice: Invoice) -> dict[str, Any]:
    """``detail`` of CheckPerformTransaction: a sale receipt (type 0) with one item a line."""
    items = []
    for line in _lines(invoice):
        count, unit = _count_and_unit(line)
        items.append(
            {
                "title": line.description[:128],
                "price": unit,
                "count": count,
                "code": line.ikpu_code,
                "package_code": line.package_code,
                "vat_percent": _vat_percent(line),
            }
        )
    return {"receipt_type": 0, "items": items}


def click_items(invoice: Invoice) -> list[dict[str, Any]]:
    """``items`` of Click's ``payment/ofd_data/submit_items``."""
    items = []
    for line in _lines(invoice):
        count, unit = _count_and_unit(line)
        items.append(
            {
                "Name": line.description[:63],
                "SPIC": line.ikpu_code,
                "PackageCode": line.package_code,
                "GoodPrice": unit,
                "Price": to_tiyin(line.gross_amount),
                "Amount": count,
                "VAT": to_tiyin(line.vat_amount),
                "VATPercent": _vat_percent(line),
                "CommissionInfo": {"TIN": invoice.issuer.tax_number},
            }
        )
    return items


def receipt_total(items: list[dict[str, Any]]) -> int:
    """What Payme adds up: the sum of price × count."""
    return sum(int(item["price"]) * int(item["count"]) for item in items)
