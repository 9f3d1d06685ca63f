from django import template

from muhandis.core.money import format_money

register = template.Library()


@register.filter
def money(amount, currency: str = "UZS") -> str:
    if amount is None or amount == "":
        return ""
    return format_money(amount, currency)


@register.filter
def action_label(action: str) -> str:
    """``certification.certificate.suspended`` → "Certificate suspended", translated."""
    from muhandis.core.audit import action_label as label

    return label(action)
