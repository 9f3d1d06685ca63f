"""What a post shows beside its author's name: a certified engineer's valid certificates and
a staff member's role, read in bulk for a whole page (two queries, whatever the number of
authors)."""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from muhandis.accounts.models import RoleAssignment
from muhandis.accounts.roles import Role
from muhandis.certification.models import Certificate, PublicStatus

from ..services.trust import STAFF_BADGE_ROLES


@dataclass(frozen=True)
class Badge:
    """``kind`` is "certified" (``label`` the scheme's title, ``number`` the certificate's,
    ``url`` its entry in the public register) or "staff" (``label`` the role)."""

    kind: str
    label: str
    number: str = ""
    url: str = ""


def _register_url(number: str) -> str:
    try:
        return f"{reverse('certification:register')}?{urlencode({'q': number})}"
    except NoReverseMatch:
        return ""


def badges_for(
    person_ids: Iterable[int], *, today: datetime.date | None = None
) -> dict[int, list[Badge]]:
    """The badges of each person (certificates first, then roles); people without any are
    left out."""
    ids = set(person_ids)
    if not ids:
        return {}
    today = today or timezone.localdate()
    found: dict[int, list[Badge]] = defaultdict(list)
    certificates = (
        Certificate.objects.showing(PublicStatus.VALID, today)
        .filter(holder_id__in=ids)
        .select_related("scheme")
        .order_by("holder_id", "-effective_date")
    )
    for certificate in certificates:
        found[certificate.holder_id].append(
            Badge(
                kind="certified",
                label=certificate.scheme.title,
                number=certificate.number,
                url=_register_url(certificate.number),
            )
        )
    roles = (
        RoleAssignment.objects.filter(
            user_id__in=ids, revoked_at__isnull=True, role__in=STAFF_BADGE_ROLES
        )
        .order_by("user_id", "role")
        .values_list("user_id", "role")
    )
    for person_id, role in roles:
        found[person_id].append(Badge(kind="staff", label=str(Role(role).label)))
    return dict(found)
