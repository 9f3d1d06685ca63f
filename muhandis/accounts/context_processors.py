from django.urls import reverse

from . import menu, selectors
from .roles import STAFF_ROLES, Role


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    usable = selectors.usable_roles(user)
    role_links = [
        (reverse("accounts:role_dashboard", args=[role.value]), role.label)
        for role in Role
        if role in usable
    ]
    staff_links = [
        (reverse(link.url_name), link.label) for link in menu.staff_links() if usable & link.roles
    ]
    return {
        "nav_role_links": role_links,
        "nav_staff_links": staff_links,
        "nav_admin_site": bool(usable & STAFF_ROLES),
        "nav_needs_two_factor": selectors.roles_of(user) != usable,
    }
