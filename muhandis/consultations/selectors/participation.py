"""Who may take part in a consultation: a member in good standing (their own membership or
that of a firm they work for) or, where the consultation says so, every signed-in engineer."""

from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from muhandis.accounts import selectors as accounts
from muhandis.accounts.models import RoleAssignment, User
from muhandis.accounts.roles import Role
from muhandis.membership.models import IN_GOOD_STANDING, Membership
from muhandis.membership.selectors import standing

from ..models import Audience, Consultation


def refusal(person: Any, consultation: Consultation) -> str | None:
    """Why ``person`` may not comment on ``consultation`` whatever the date, or None."""
    if not getattr(person, "is_authenticated", False) or not person.is_active:
        return _("Sign in to comment.")
    if consultation.audience == Audience.ENGINEERS:
        if Role.ENGINEER in accounts.roles_of(person):
            return None
        return _("This consultation is for engineers: add the engineer role to your account.")
    if standing.covering_membership(person) is not None:
        return None
    return _(
        "This consultation is for members of the association in good standing, or staff of a "
        "member firm. Join the association to comment."
    )


def may_take_part(person: Any, consultation: Consultation) -> bool:
    return refusal(person, consultation) is None


def eligible_people(consultation: Consultation) -> QuerySet[User]:
    """Everyone who may comment (told when the consultation opens)."""
    people = User.objects.filter(is_active=True)
    if consultation.audience == Audience.ENGINEERS:
        engineers = RoleAssignment.objects.filter(role=Role.ENGINEER, revoked_at__isnull=True)
        return people.filter(pk__in=engineers.values("user_id")).order_by("pk")
    good = Membership.objects.filter(status__in=IN_GOOD_STANDING)
    return (
        people.filter(
            Q(pk__in=good.filter(person__isnull=False).values("person_id"))
            | Q(
                employments__end_date__isnull=True,
                employments__organisation__in=good.filter(organisation__isnull=False).values(
                    "organisation_id"
                ),
            )
        )
        .distinct()
        .order_by("pk")
    )
