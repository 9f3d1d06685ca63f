from decimal import Decimal

from django import template

from muhandis.core.models import AuditEntry
from muhandis.core.money import format_money

register = template.Library()


@register.filter
def money(amount: Decimal | int | str | None, currency: str = "UZS") -> str:
    if amount is None or amount == "":
        return ""
    return format_money(amount, currency)


@register.filter
def action_label(action: str) -> str:
    """``certification.certificate.suspended`` → "Certificate suspended", translated."""
    from muhandis.core.audit import action_label as label

    return label(action)


@register.filter
def audit_sentence(entry: AuditEntry) -> str:
    """An audit entry as one sentence in the reader's language."""
    from muhandis.core.audit_display import sentence

    return sentence(entry)


@register.inclusion_tag("includes/audit_entry.html")
def audit_entry(entry: AuditEntry, show_target: bool = False) -> dict:
    """One audit entry: what happened, the changed fields and reason, the stored record."""
    from muhandis.core.audit_display import readable

    return {"r": readable(entry), "show_target": show_target}
