"""``{% pay_links invoice as links %}``: the online payment buttons for an invoice."""

from typing import Any

from django import template

from ..models import Invoice
from . import PayLink, checkout_links

register = template.Library()


@register.simple_tag(takes_context=True)
def pay_links(context: dict[str, Any], invoice: Invoice) -> list[PayLink]:
    """The enabled providers' links; the payer comes back to the page they paid from."""
    request = context.get("request")
    return_url = request.build_absolute_uri() if request is not None else ""
    return checkout_links(invoice, return_url=return_url)
