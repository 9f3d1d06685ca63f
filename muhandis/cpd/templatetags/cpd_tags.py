from decimal import Decimal

from django import template

from muhandis.certification.models import Certificate
from muhandis.cpd.services import CpdProgress, cpd_progress, hours_text

register = template.Library()


@register.simple_tag
def cpd_progress_of(certificate: Certificate) -> CpdProgress:
    """``{% cpd_progress_of certificate as progress %}``"""
    return cpd_progress(certificate)


@register.filter
def hours(value: Decimal) -> str:
    return hours_text(value)
