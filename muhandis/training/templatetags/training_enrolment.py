"""The enrol button of a session: the visitor's enrolment on it, if any.

A page that lists several sessions asks once: the visitor's active enrolments are read in one
query (two when they wait on a list) and kept on the request."""

from django import template
from django.http import HttpRequest

from ..models import CourseSession, Enrolment
from ..selectors.enrolment import active_enrolments_by_session

register = template.Library()
CACHE = "_training_enrolments"


def _mine(request: HttpRequest) -> dict[int, Enrolment]:
    cached = getattr(request, CACHE, None)
    if cached is None:
        cached = active_enrolments_by_session(request.user)
        setattr(request, CACHE, cached)
    return cached


@register.simple_tag(takes_context=True)
def enrolment_for(context: template.Context, session: CourseSession) -> Enrolment | None:
    request = context.get("request")
    user = getattr(request, "user", None)
    if request is None or not getattr(user, "is_authenticated", False):
        return None
    from muhandis.accounts.roles import Role
    from muhandis.accounts.selectors import roles_of

    context["can_book_staff"] = Role.EMPLOYER in roles_of(user)
    return _mine(request).get(session.pk)
