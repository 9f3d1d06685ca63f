from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from . import menu, selectors
from .roles import STAFF_ROLES, Role


def navigation(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    usable = selectors.usable_roles(user)
    role_links = [
        (reverse("accounts:role_dashboard", args=[role.value]), role.label)
        for role in Role
        if role in usable
    ]
    return {
        "nav_role_links": role_links,
        "nav_menu": _menu(request.path, role_links, usable),
        "nav_admin_site": bool(usable & STAFF_ROLES),
        "nav_needs_two_factor": selectors.roles_of(user) != usable,
    }


def _menu(path: str, role_links: list, usable: frozenset[str]) -> list[dict]:
    """The sidebar: the person's dashboards, then each domain's group of pages they may use,
    the page they are on (the longest link that starts its address) marked as current."""
    groups: list[dict] = [
        {
            "key": "dashboards",
            "label": _("Dashboards"),
            "links": [(reverse("accounts:dashboard"), _("Overview")), *role_links],
        }
    ]
    for group, links in menu.groups_for(usable):
        groups.append(
            {
                "key": group.key,
                "label": group.label,
                "links": [(reverse(link.url_name), link.label) for link in links],
            }
        )
    matching = [url for g in groups for url, _label in g["links"] if path.startswith(url)]
    current = max(matching, key=len, default=None)
    for entry in groups:
        entry["links"] = [(url, label, url == current) for url, label in entry["links"]]
    return groups
