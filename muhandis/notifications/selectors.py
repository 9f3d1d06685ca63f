"""What a person's notification centre shows."""

from django.core.paginator import Page, Paginator

from muhandis.accounts.models import User

from .models import EmailChoice, Notification, Preference
from .services import Kind, kinds


def unread_count(*, person: User) -> int:
    return Notification.objects.filter(person=person, on_site=True, read_at__isnull=True).count()


def notices(*, person: User, page: int | str = 1, unread_only: bool = False) -> Page:
    found = Notification.objects.filter(person=person, on_site=True)
    if unread_only:
        found = found.filter(read_at__isnull=True)
    return Paginator(found, 25).get_page(page)


def preferences(*, person: User) -> list[tuple[Kind, bool, str]]:
    """Every kind with the person's choice (or its default): (kind, on site, email)."""
    rows = {row.kind: row for row in Preference.objects.filter(person=person)}
    found: list[tuple[Kind, bool, str]] = []
    for kind in kinds():
        row = rows.get(kind.code)
        if row is None:
            found.append((kind, True, kind.email))
        else:
            email = kind.email if kind.required and row.email == EmailChoice.OFF else row.email
            found.append((kind, row.on_site, email))
    return found
