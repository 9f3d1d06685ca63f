"""Who may post on the board, for which firm, and who may change an opportunity."""

from typing import Any

from muhandis.accounts.models import EmploymentRelation, Organisation, User
from muhandis.accounts.selectors import usable_roles
from muhandis.membership.models import IN_GOOD_STANDING, Membership

from ..models import Opportunity
from ..permissions import STAFF


def is_staff(person: Any) -> bool:
    """A moderator or the administrator, with two-factor on."""
    return bool(usable_roles(person) & set(STAFF))


def represented_firms(person: Any) -> list[Organisation]:
    """The firms ``person`` currently represents."""
    if not getattr(person, "is_authenticated", False):
        return []
    return list(
        Organisation.objects.filter(
            employments__person=person,
            employments__relation=EmploymentRelation.REPRESENTATIVE,
            employments__end_date__isnull=True,
        )
        .select_related("region")
        .distinct()
        .order_by("name")
    )


def member_firms(person: Any) -> list[Organisation]:
    """The firms ``person`` represents whose membership is in good standing (one query)."""
    if not getattr(person, "is_authenticated", False):
        return []
    members = Membership.objects.filter(status__in=IN_GOOD_STANDING).values("organisation_id")
    return list(
        Organisation.objects.filter(
            pk__in=members,
            employments__person=person,
            employments__relation=EmploymentRelation.REPRESENTATIVE,
            employments__end_date__isnull=True,
        )
        .select_related("region")
        .distinct()
        .order_by("name")
    )


def posting_firms(person: Any) -> list[Organisation]:
    """The firms ``person`` may post for: represented now, membership in good standing, and a
    membership type that carries the benefit of posting opportunities."""
    firms = represented_firms(person)
    allowed = set(
        Membership.objects.filter(
            organisation__in=firms, status__in=IN_GOOD_STANDING, type__opportunities=True
        ).values_list("organisation_id", flat=True)
    )
    return [firm for firm in firms if firm.pk in allowed]


def all_member_firms() -> list[Organisation]:
    """Every firm whose membership is in good standing (staff post for any of them)."""
    members = Membership.objects.filter(
        organisation__isnull=False, status__in=IN_GOOD_STANDING
    ).values("organisation_id")
    return list(Organisation.objects.filter(pk__in=members).order_by("name"))


def represents(person: User, organisation_id: int | None) -> bool:
    if organisation_id is None:
        return False
    return any(firm.pk == organisation_id for firm in represented_firms(person))


def may_change(person: Any, opportunity: Opportunity) -> bool:
    """Staff change any opportunity; a firm's current representatives change the firm's own."""
    if not getattr(person, "is_authenticated", False):
        return False
    return is_staff(person) or represents(person, opportunity.organisation_id)
