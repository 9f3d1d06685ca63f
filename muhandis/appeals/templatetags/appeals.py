import datetime
from typing import Any

from django import template
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from muhandis.accounts.models import User
from muhandis.certification.models import Application, Certificate

from ..services import AppealableDecision, decision_on_application, decision_on_certificate

register = template.Library()


@register.simple_tag
def appeal_option(
    subject: Application | Certificate | None, user: User | AnonymousUser
) -> AppealableDecision | None:
    """The appealable decision on ``subject`` (an application or a certificate), if ``user``
    is the person it concerns; else None."""
    if subject is None or not getattr(user, "is_authenticated", False):
        return None
    if isinstance(subject, Application):
        found = decision_on_application(subject)
    else:
        found = decision_on_certificate(subject)
    return found if found is not None and found.person_id == user.pk else None


@register.inclusion_tag("appeals/_deadline.html")
def deadline(day: datetime.date | None, done: bool = False) -> dict[str, Any]:
    """Days left until ``day``, or how many days it is overdue (nothing once ``done``)."""
    left = (day - timezone.localdate()).days if day else None
    overdue = -left if left is not None and left < 0 else 0
    return {"day": day, "left": left, "overdue": overdue, "done": done}
