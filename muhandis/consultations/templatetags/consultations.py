"""Small filters of the consultation pages."""

import datetime

from django import template

from ..models import Consultation

register = template.Library()


@register.filter
def phase_on(consultation: Consultation, today: datetime.date) -> str:
    return consultation.phase(today)
