from django import template

from muhandis.cpd.services import CpdProgress, cpd_progress, hours_text

register = template.Library()


@register.simple_tag
def cpd_progress_of(certificate) -> CpdProgress:
    """``{% cpd_progress_of certificate as progress %}``"""
    return cpd_progress(certificate)


@register.filter
def hours(value) -> str:
    return hours_text(value)
