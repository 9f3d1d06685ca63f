"""The menu of a signed-in person's work, grouped by domain.

Each app adds its group and the pages its roles use in its AppConfig.ready(), so that accounts
need not know the other apps (as certification's panels do for its pages)::

    add_menu_group("training", _("Training"), order=20)
    add_staff_link("training:courses", _("Courses"), {Role.TRAINING_MANAGER}, group="training")

A link with ``roles=None`` is shown to everyone signed in (their own applications, exams…).
The top bar keeps only what is public; this menu is the left sidebar (a panel on a phone).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ImproperlyConfigured

if TYPE_CHECKING:
    from django.utils.functional import Promise


@dataclass(frozen=True)
class MenuGroup:
    key: str
    label: "str | Promise"  # lazily translated
    order: int


@dataclass(frozen=True)
class StaffLink:
    url_name: str
    label: "str | Promise"  # lazily translated
    roles: frozenset[str] | None  # None: everyone signed in
    group: str


MENU_GROUPS: dict[str, MenuGroup] = {}
STAFF_LINKS: list[StaffLink] = []


def add_menu_group(key: str, label: "str | Promise", *, order: int = 100) -> None:
    """Open a group headed ``label`` (a lazy translation); groups are shown by ``order``."""
    MENU_GROUPS.setdefault(key, MenuGroup(key, label, order))


def add_staff_link(
    url_name: str, label: "str | Promise", roles: Iterable[str] | None, *, group: str
) -> None:
    """Show ``label`` (a lazy translation) linking to ``url_name`` in ``group`` to people who
    may use one of ``roles`` (everyone signed in when ``roles`` is None). Links appear in the
    order they are added (apps in INSTALLED_APPS order)."""
    if group not in MENU_GROUPS:
        raise ImproperlyConfigured(f"Menu group {group!r} is not known: add_menu_group() it first")
    if any(link.url_name == url_name for link in STAFF_LINKS):
        return
    STAFF_LINKS.append(
        StaffLink(url_name, label, None if roles is None else frozenset(roles), group)
    )


def staff_links() -> list[StaffLink]:
    return list(STAFF_LINKS)


def groups_for(roles: frozenset[str] | set[str]) -> list[tuple[MenuGroup, list[StaffLink]]]:
    """The groups that hold a link for someone with ``roles``, in order, each with its links."""
    shown = [link for link in STAFF_LINKS if link.roles is None or bool(link.roles & set(roles))]
    ordered = sorted(MENU_GROUPS.values(), key=lambda group: (group.order, group.key))
    grouped = [(group, [link for link in shown if link.group == group.key]) for group in ordered]
    return [(group, links) for group, links in grouped if links]
