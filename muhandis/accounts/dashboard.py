"""The dashboards: what waits for a person now, in each of their roles.

Accounts does not know the other apps. Each app registers, in its AppConfig.ready(), providers
for the roles it serves (``add_section``): functions of its ``selectors.py`` that take the
person and return a ``Section`` (or None when the app has nothing to say to them). The
dashboard asks the registry for the sections of each role the person may use now.

A provider is read once per dashboard: it fetches what it shows in a fixed number of queries,
whatever the amount of work waiting (tests pin each role's dashboard to ten queries).
"""

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .models import User


@dataclass(frozen=True)
class Queue:
    """A pile of work of one kind: how much waits, since when, and the nearest deadline."""

    label: str
    count: int
    url: str
    oldest: datetime.datetime | datetime.date | None = None  # when the oldest item arrived
    deadline: datetime.date | None = None  # the nearest deadline among the items

    def overdue(self, today: datetime.date) -> bool:
        return self.deadline is not None and self.deadline < today


@dataclass(frozen=True)
class Section:
    """One part of a dashboard: a title, what waits (``items``), and where to see it all.

    ``template`` renders it with ``section`` in its context; ``accounts/dashboard/_queues.html``
    renders a list of ``Queue`` items. ``empty`` is said when there are no items."""

    key: str
    title: str
    template: str
    items: Sequence[Any] = ()
    empty: str = ""
    link_url: str = ""
    link_label: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    urgent: bool = False  # something the person can do now: shown first
    wide: bool = False  # a table that needs the page's whole width

    @property
    def busy(self) -> bool:
        """Whether anything waits here: a queue that is not empty, or any item."""
        return any(item.count if isinstance(item, Queue) else True for item in self.items)


Provider = Callable[[Any], Section | None]

PROVIDERS: dict[str, list[Provider]] = {}


def add_section(role: str, provider: Provider) -> None:
    """Show what ``provider`` returns on the dashboard of ``role``. Sections appear in the
    order they are added (apps in INSTALLED_APPS order)."""
    providers = PROVIDERS.setdefault(str(role), [])
    if provider not in providers:
        providers.append(provider)


def sections_for(person: "User", role: str) -> list[Section]:
    """The sections of ``role``'s dashboard for ``person``: what the person can do now first,
    then those where work waits, then the rest. The caller has checked that the person may use
    the role."""
    found = (provider(person) for provider in PROVIDERS.get(str(role), []))
    sections = (s for s in found if s is not None)
    return sorted(sections, key=lambda s: (not s.urgent, not s.busy))
