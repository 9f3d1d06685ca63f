"""The enrol button of a session: the visitor's enrolment on it, if any."""

from django import template

from ..models import CourseSession, Enrolment
from ..selectors.enrolment import enrolment_of

register = template.Library()


@register.simple_tag(takes_context=True)
def enrolment_for(context: template.Context, session: CourseSession) -> Enrolment | None:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is not None and getattr(user, "is_authenticated", False):
        from muhandis.accounts.roles import Role
        from muhandis.accounts.selectors import roles_of

        context["can_book_staff"] = Role.EMPLOYER in roles_of(user)
    return enrolment_of(user, session)
