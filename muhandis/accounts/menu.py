"""The staff menu: each app adds the pages its roles work on, in its AppConfig.ready(), so that
accounts need not know the other apps (as certification's panels do for its pages)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class StaffLink:
    url_name: str
    label: str  # lazily translated
    roles: frozenset[str]


STAFF_LINKS: list[StaffLink] = []


def add_staff_link(url_name: str, label, roles) -> None:
    """Show ``label`` (a lazy translation) linking to ``url_name`` to people who may use one of
    ``roles``. Links appear in the order they are added (apps in INSTALLED_APPS order)."""
    if any(link.url_name == url_name for link in STAFF_LINKS):
        return
    STAFF_LINKS.append(StaffLink(url_name, label, frozenset(roles)))


def staff_links() -> list[StaffLink]:
    return list(STAFF_LINKS)
