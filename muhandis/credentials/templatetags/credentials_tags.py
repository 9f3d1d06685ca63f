from django import template

from muhandis.credentials import pdfsign

register = template.Library()


@register.simple_tag
def pdf_signing_problem() -> str | None:
    """``{% pdf_signing_problem as problem %}``: why certificate PDFs cannot be signed now."""
    return pdfsign.problem()
